"""Synthetic Prevent referrals and their steps: screening, the police gateway, the panel, exit
and equality monitoring (with the planted pattern described in the package docstring)."""

import numpy as np

from commonground.insights.synthetic import shapes
from commonground.insights.synthetic.common import (
    AGENCY_NAME,
    MARK,
    Run,
    boroughs_and_wards,
    event_times,
    map_values,
    nullable,
    pick,
    references,
)
from commonground.insights.synthetic.writer import reserve_ids
from commonground.safeguarding import workflow
from commonground.safeguarding.models import (
    AgendaItem,
    CaseEvent,
    EqualityMonitoring,
    ExitReview,
    GatewayCheck,
    GatewayOutcome,
    PanelDecision,
    PanelMeeting,
    Referral,
    ScreeningDecision,
    ScreeningOutcome,
)

REFERRAL_WARD_SHARE = 0.75
DATE_OF_BIRTH_SHARE = 0.70

REFERRER_ROLES = {
    "education": "Designated safeguarding lead",
    "police": "Police officer",
    "local_authority": "Social worker",
    "health": "Safeguarding nurse",
    "community": "Youth worker",
    "family_and_friends": "Family member",
    "prisons_probation": "Probation officer",
    "other": "Other professional",
}
SIGNPOSTED_TO = (
    "Children's social care",
    "Early help",
    "Mental health services",
    "Adult social care",
    "Youth service",
    "School pastoral support",
)


def write_referrals(run: Run, count: int) -> None:
    """Referrals and their steps: screening, the police gateway, the panel and exit, each dated
    after the one before and written only where it would have happened by now."""
    if count == 0:
        return
    rng, end = run.rng, run.end
    received = event_times(run, count, shapes.REFERRAL_MONTHS, shapes.REFERRAL_WEEKDAYS, shapes.OFFICE_HOURS)
    ids = reserve_ids(Referral, count)
    borough, ward = boroughs_and_wards(run, count)
    concern = shapes.categorical(rng, shapes.CONCERN_TYPES, count)
    sector = shapes.categorical(rng, shapes.REFERRING_SECTORS, count)
    age = shapes.ages(rng, count)
    ethnic, religion = _equality_groups(run, borough)

    # Screening, the police gateway, and a second screening when the police pass it back.
    first = shapes.screening_decisions(rng, concern)
    first_at = received + shapes.delays(rng, count, low=0.5, high=7)
    screened = first_at <= end
    gateway = shapes.categorical(rng, shapes.GATEWAY, count)
    gateway_at = first_at + shapes.delays(rng, count, low=1, high=10)
    gateway_done = screened & (first == "passed_to_police") & (gateway_at <= end)
    second_at = gateway_at + shapes.delays(rng, count, low=0.5, high=4)
    second_done = gateway_done & (gateway == "passed_to_channel") & (second_at <= end)
    proceeded = (screened & (first == "proceed")) | second_done
    proceeded_at = np.where(first == "proceed", first_at, second_at)

    # Information gathering, then the borough's next monthly panel.
    ready_on = (proceeded_at + shapes.delays(rng, count, low=7, high=35)).astype("datetime64[D]")
    meeting_ids, meets_on = _write_panel_meetings(run)
    meeting = np.zeros(count, dtype=np.int64)
    meeting_on = np.full(count, np.datetime64("NaT"), dtype="datetime64[D]")
    for borough_id, (borough_meetings, dates) in zip(
        run.places.borough_ids.tolist(), zip(meeting_ids, meets_on, strict=True), strict=True
    ):
        rows = np.flatnonzero(proceeded & (borough == borough_id))
        position = np.searchsorted(dates, ready_on[rows])
        found = position < len(dates)
        meeting[rows[found]] = borough_meetings[position[found]]
        meeting_on[rows[found]] = dates[position[found]]
    at_panel = proceeded & (meeting != 0) & (meeting_on < end.astype("datetime64[D]"))
    decided_at = meeting_on.astype("datetime64[s]") + (
        10 * 3600 + rng.integers(0, 4 * 3600, size=count)
    ).astype("timedelta64[s]")
    adoption = shapes.ADOPTION_SHARE * np.where(
        ethnic == shapes.PLANTED_PATTERN.ethnic_group, shapes.PLANTED_PATTERN.adoption_ratio, 1.0
    )
    adopted = at_panel & (rng.random(count) < adoption)
    exit_at = decided_at + shapes.delays(rng, count, low=90, high=365)
    exited = adopted & (exit_at <= end)

    # The statuses follow the referral state machine: screening from a new referral, the gateway
    # check of a referral passed to the police.
    status = np.full(count, workflow.INITIAL, dtype="<U30")
    for decision in ScreeningOutcome.values:
        status[screened & (first == decision)] = workflow.move(
            workflow.INITIAL, workflow.screening_step(decision)
        )
    for outcome in GatewayOutcome.values:
        status[gateway_done & (gateway == outcome)] = workflow.move(
            workflow.WITH_POLICE, workflow.gateway_step(outcome)
        )
    status[second_done] = "information_gathering"
    status[at_panel] = "not_adopted"
    status[adopted] = "adopted"
    status[exited] = "exited"

    has_birth_date = rng.random(count) < DATE_OF_BIRTH_SHARE
    birth_on = received.astype("datetime64[D]") - (age * 365.25 + rng.integers(0, 365, size=count)).astype(
        "timedelta64[D]"
    )
    concern_labels = dict(Referral._meta.get_field("concern_type").choices or ())
    run.write(
        Referral,
        {
            "id": ids,
            # Synthetic references carry the synthetic prefix, as the report line's do.
            "reference": lambda start, stop: references(ids[start:stop]),
            "first_name": "Synthetic",
            "last_name": np.char.add("Person ", ids.astype(str)),
            "date_of_birth": nullable(birth_on, ~has_birth_date),
            "age_years": age,
            "gender": shapes.genders(rng, count),
            "borough_id": borough,
            "ward_id": nullable(ward, (rng.random(count) > REFERRAL_WARD_SHARE) | (ward == 0)),
            "interpreter_needed": False,
            "referrer_name": "Synthetic referrer",
            "referrer_role": map_values(sector, REFERRER_ROLES),
            "referrer_agency_name": AGENCY_NAME,
            "referrer_agency_id": run.agency_id,
            "referring_sector": sector,
            "referrer_contact": "Synthetic record: no contact details",
            "concern": map_values(
                concern, {code: f"{MARK}: {label}." for code, label in concern_labels.items()}
            ),
            "concern_type": concern,
            "person_aware": shapes.categorical(rng, {"yes": 0.40, "no": 0.45, "not_asked": 0.15}, count),
            "safeguarding_lead_consulted": rng.random(count) < 0.9,
            "received_at": received,
            "status": status,
            "version": 1,
        },
        count,
    )

    screening_rows = np.flatnonzero(screened)
    second_rows = np.flatnonzero(second_done)
    decisions = np.concatenate([first[screening_rows], np.full(len(second_rows), "proceed")])
    reasons = {
        "proceed": f"{MARK}: meets the threshold for information gathering.",
        "passed_to_police": f"{MARK}: passed to the police for their assessment.",
        "not_appropriate": f"{MARK}: not appropriate for Channel.",
        "no_further_action": f"{MARK}: no further action needed.",
    }
    run.write(
        ScreeningDecision,
        {
            "referral_id": np.concatenate([ids[screening_rows], ids[second_rows]]),
            "decision": decisions,
            "reasons": map_values(decisions, reasons),
            "signposted_to": np.where(
                decisions == "not_appropriate", pick(rng, SIGNPOSTED_TO, len(decisions)), ""
            ),
            "decided_by_id": run.user_id,
            "decided_at": np.concatenate([first_at[screening_rows], second_at[second_rows]]),
        },
        len(decisions),
    )
    gateway_rows = np.flatnonzero(gateway_done)
    run.write(
        GatewayCheck,
        {
            "referral_id": ids[gateway_rows],
            "outcome": gateway[gateway_rows],
            "notes": f"{MARK}.",
            "recorded_by_id": run.user_id,
            "recorded_at": gateway_at[gateway_rows],
        },
        len(gateway_rows),
    )
    _write_equality_monitoring(run, ids, received, ethnic, religion)
    _write_panel_decisions(run, ids, age, meeting, meeting_on, decided_at, at_panel, adopted)
    _write_exits(run, ids, exit_at, exited)


def _equality_groups(run: Run, borough: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each person's ethnic group and religion, from their borough's Census 2021 mix, with the
    planted over-referral of one group (see shapes.PLANTED_PATTERN)."""
    rng, places = run.rng, run.places
    ethnic = np.full(len(borough), "", dtype="<U40")
    religion = np.full(len(borough), "", dtype="<U40")
    planted = shapes.PLANTED_PATTERN
    for borough_id in places.borough_ids.tolist():
        rows = np.flatnonzero(borough == borough_id)
        mix = places.ethnic_mix.get(borough_id)
        if len(rows) and mix:
            weights = {
                group: count * (planted.referral_rate_ratio if group == planted.ethnic_group else 1.0)
                for group, count in mix.items()
            }
            ethnic[rows] = shapes.categorical(rng, weights, len(rows))
        beliefs = places.religion_mix.get(borough_id)
        if len(rows) and beliefs:
            religion[rows] = shapes.categorical(rng, beliefs, len(rows))
    for group, beliefs in shapes.RELIGION_BY_ETHNIC_GROUP.items():
        rows = np.flatnonzero(ethnic == group)
        religion[rows] = shapes.categorical(rng, beliefs, len(rows))
    if not places.ethnic_mix:
        run.notes.append("No Census ethnic group figures are loaded: no equality monitoring was written.")
    return ethnic, religion


def _write_equality_monitoring(
    run: Run, ids: np.ndarray, received: np.ndarray, ethnic: np.ndarray, religion: np.ndarray
) -> None:
    rng = run.rng
    recorded = (rng.random(len(ids)) < shapes.EQUALITY_RECORDED_SHARE) & (ethnic != "")
    declined = rng.random(len(ids)) < shapes.PREFER_NOT_TO_SAY_SHARE
    rows = np.flatnonzero(recorded)
    run.write(
        EqualityMonitoring,
        {
            "referral_id": ids[rows],
            "ethnic_group": np.where(declined[rows], "prefer_not_to_say", ethnic[rows]),
            "religion": np.where(declined[rows], "prefer_not_to_say", religion[rows]),
            "recorded_at": received[rows],
        },
        len(rows),
    )


def _write_panel_meetings(run: Run) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """A panel in each borough on the second Tuesday of every month of the span, and the next one."""
    first_month = run.start.astype("datetime64[M]")
    months = np.arange(first_month, run.end.astype("datetime64[M]") + 2)
    first_days = months.astype("datetime64[D]")
    weekday = (first_days.astype(np.int64) + 3) % 7  # Monday 0
    second_tuesday = first_days + ((1 - weekday) % 7 + 7).astype("timedelta64[D]")
    boroughs = run.places.borough_ids
    ids = reserve_ids(PanelMeeting, len(boroughs) * len(second_tuesday))
    run.write(
        PanelMeeting,
        {
            "id": ids,
            "borough_id": np.repeat(boroughs, len(second_tuesday)),
            "meets_on": np.tile(second_tuesday, len(boroughs)),
            "location": AGENCY_NAME,
            "created_by_id": run.user_id,
        },
        len(ids),
    )
    per_borough = ids.reshape(len(boroughs), len(second_tuesday))
    return list(per_borough), [second_tuesday] * len(boroughs)


def _write_panel_decisions(
    run: Run,
    ids: np.ndarray,
    age: np.ndarray,
    meeting: np.ndarray,
    meeting_on: np.ndarray,
    decided_at: np.ndarray,
    at_panel: np.ndarray,
    adopted: np.ndarray,
) -> None:
    rng = run.rng
    rows = np.flatnonzero(at_panel)
    item_ids = reserve_ids(AgendaItem, len(rows))
    run.write(
        AgendaItem,
        {
            "id": item_ids,
            "meeting_id": meeting[rows],
            "referral_id": ids[rows],
            "order": shapes.rank_within(meeting[rows]) + 1,
        },
        len(rows),
    )
    adopt = adopted[rows]
    # Consent is recorded on or shortly before the panel; a parent or guardian gives it for a child.
    consent_on = meeting_on[rows] - rng.integers(0, 6, size=len(rows)).astype("timedelta64[D]")
    run.write(
        PanelDecision,
        {
            "agenda_item_id": item_ids,
            "outcome": np.where(adopt, "adopt", "not_adopt"),
            "reasons": np.where(
                adopt,
                f"{MARK}: the panel agreed support is needed.",
                f"{MARK}: other support is better suited.",
            ),
            "signposted_to": np.where(adopt, "", pick(rng, SIGNPOSTED_TO, len(rows))),
            "consent_given_by": np.where(adopt, np.where(age[rows] < 18, "parent_or_guardian", "person"), ""),
            "consent_given_on": nullable(consent_on, ~adopt),
            "decided_by_id": run.user_id,
            "decided_at": decided_at[rows],
        },
        len(rows),
    )


def _write_exits(run: Run, ids: np.ndarray, exit_at: np.ndarray, exited: np.ndarray) -> None:
    rng = run.rng
    rows = np.flatnonzero(exited)
    exit_on = exit_at[rows].astype("datetime64[D]")
    run.write(
        CaseEvent,
        {
            "referral_id": ids[rows],
            "kind": "exited",
            "happened_on": exit_on,
            "reasons": f"{MARK}: support plan completed.",
            "recorded_by_id": run.user_id,
            "recorded_at": exit_at[rows],
        },
        len(rows),
    )
    # The reviews 6 and 12 months after exit; those already due are done within a fortnight.
    months = np.repeat(np.array([[6, 12]]), len(rows), axis=0).ravel()
    due_on = np.repeat(exit_on, 2) + np.where(months == 6, 182, 365).astype("timedelta64[D]")
    completed_at = due_on.astype("datetime64[s]") + (rng.integers(0, 14 * 86400, size=len(due_on))).astype(
        "timedelta64[s]"
    )
    done = completed_at <= run.end
    run.write(
        ExitReview,
        {
            "referral_id": np.repeat(ids[rows], 2),
            "months_after_exit": months,
            "due_on": due_on,
            "completed_at": nullable(completed_at, ~done),
            "completed_by_id": nullable(np.full(len(due_on), run.user_id), ~done),
            "outcome": np.where(done, f"{MARK}: no further concerns.", ""),
        },
        len(due_on),
    )
