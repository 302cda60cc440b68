"""A referral's statuses and every allowed move between them, each named by the step that makes it;
and the dates a step must respect. Pure: no Django.

Every action that changes a referral's status asks `move(current, step)` first (through
`actions/moves.py`), so a step the table does not allow is refused before anything is written.
`ReferralStatus` (models/referrals.py) mirrors the statuses and their labels; a test ties the two.
The table and why it is so: docs/decisions/0014-referral-state-machine.md."""

import calendar
from datetime import date

from commonground.core import state_machine

# --- Statuses ------------------------------------------------------------------------------------

TO_SCREEN = "to_screen"
WITH_POLICE = "with_police"
INFORMATION_GATHERING = "information_gathering"
POLICE_LED = "police_led"
SIGNPOSTED = "signposted"
NO_FURTHER_ACTION = "no_further_action"
AT_PANEL = "at_panel"
ADOPTED = "adopted"
NOT_ADOPTED = "not_adopted"
EXITED = "exited"

STATUS_LABELS = {
    TO_SCREEN: "To screen",
    WITH_POLICE: "With the police for their assessment",
    INFORMATION_GATHERING: "Information gathering",
    POLICE_LED: "Police-led case management",
    SIGNPOSTED: "Signposted to other services",
    NO_FURTHER_ACTION: "No further action",
    AT_PANEL: "On a panel agenda",
    ADOPTED: "Adopted as a Channel case",
    NOT_ADOPTED: "Not adopted: signposted to other support",
    EXITED: "Support ended",
}

# A referral starts here when it is received (from staff, a partner agency or the report line).
INITIAL = TO_SCREEN

# --- Steps: each named "kind:outcome", with what the coordinator does, for messages --------------

SCREENING_PROCEED = "screening:proceed"
SCREENING_NOT_APPROPRIATE = "screening:not_appropriate"
SCREENING_PASSED_TO_POLICE = "screening:passed_to_police"
SCREENING_NO_FURTHER_ACTION = "screening:no_further_action"
GATEWAY_NO_FURTHER_ACTION = "gateway:no_further_action"
GATEWAY_SIGNPOSTED = "gateway:signposted"
GATEWAY_POLICE_LED = "gateway:police_led"
GATEWAY_PASSED_TO_CHANNEL = "gateway:passed_to_channel"
PUT_ON_AGENDA = "panel:put_on_agenda"
PANEL_ADOPT = "panel:adopt"
PANEL_NOT_ADOPT = "panel:not_adopt"
PANEL_REVIEW_NEXT = "panel:review_next"
CONSENT_WITHDRAWN = "support:consent_withdrawn"
SUPPORT_ENDED = "support:exit"
TRANSFERRED = "support:transfer"
EXIT_REVIEW_COMPLETED = "support:exit_review"

STEP_DOING = {
    SCREENING_PROCEED: "record the screening decision “proceed to information gathering”",
    SCREENING_NOT_APPROPRIATE: "record the screening decision “not appropriate for Channel”",
    SCREENING_PASSED_TO_POLICE: "record the screening decision “pass to the police”",
    SCREENING_NO_FURTHER_ACTION: "record the screening decision “no further action”",
    GATEWAY_NO_FURTHER_ACTION: "record a police gateway check",
    GATEWAY_SIGNPOSTED: "record a police gateway check",
    GATEWAY_POLICE_LED: "record a police gateway check",
    GATEWAY_PASSED_TO_CHANNEL: "record a police gateway check",
    PUT_ON_AGENDA: "put the referral on a panel agenda",
    PANEL_ADOPT: "record a panel decision",
    PANEL_NOT_ADOPT: "record a panel decision",
    PANEL_REVIEW_NEXT: "record a panel decision",
    CONSENT_WITHDRAWN: "record that consent was withdrawn",
    SUPPORT_ENDED: "end support",
    TRANSFERRED: "transfer the case to another borough",
    EXIT_REVIEW_COMPLETED: "complete an exit review",
}
STEPS = tuple(STEP_DOING)

_GATEWAY = {
    GATEWAY_NO_FURTHER_ACTION: NO_FURTHER_ACTION,
    GATEWAY_SIGNPOSTED: SIGNPOSTED,
    GATEWAY_POLICE_LED: POLICE_LED,
}
_SCREENING = {
    SCREENING_NOT_APPROPRIATE: SIGNPOSTED,
    SCREENING_PASSED_TO_POLICE: WITH_POLICE,
    SCREENING_NO_FURTHER_ACTION: NO_FURTHER_ACTION,
}

# Status → {step: status afterwards}. A step missing from a status's row is refused there.
# Signposted, no further action and not adopted are final: a new concern is a new referral.
MOVES: dict[str, dict[str, str]] = {
    TO_SCREEN: {
        SCREENING_PROCEED: INFORMATION_GATHERING,
        **_SCREENING,
        **_GATEWAY,
        # The police found no counter-terrorism risk: the coordinator still screens it.
        GATEWAY_PASSED_TO_CHANNEL: TO_SCREEN,
    },
    WITH_POLICE: {**_GATEWAY, GATEWAY_PASSED_TO_CHANNEL: TO_SCREEN},
    INFORMATION_GATHERING: {
        # What is gathered may show it is not for Channel after all; "proceed" was already decided.
        **_SCREENING,
        **_GATEWAY,
        GATEWAY_PASSED_TO_CHANNEL: INFORMATION_GATHERING,
        PUT_ON_AGENDA: AT_PANEL,
    },
    # The police hold the case; when the risk falls they may pass it back for Channel screening.
    POLICE_LED: {
        GATEWAY_NO_FURTHER_ACTION: NO_FURTHER_ACTION,
        GATEWAY_SIGNPOSTED: SIGNPOSTED,
        GATEWAY_PASSED_TO_CHANNEL: TO_SCREEN,
    },
    AT_PANEL: {
        # Held over ("review at the next panel"): it goes on a later meeting's agenda.
        PUT_ON_AGENDA: AT_PANEL,
        PANEL_ADOPT: ADOPTED,
        PANEL_NOT_ADOPT: NOT_ADOPTED,
        PANEL_REVIEW_NEXT: AT_PANEL,
    },
    ADOPTED: {CONSENT_WITHDRAWN: EXITED, SUPPORT_ENDED: EXITED, TRANSFERRED: ADOPTED},
    EXITED: {EXIT_REVIEW_COMPLETED: EXITED},
    SIGNPOSTED: {},
    NO_FURTHER_ACTION: {},
    NOT_ADOPTED: {},
}


# A step the table does not allow from the referral's status; the message (`refusal`) says why, kindly.
MoveRefused = state_machine.MoveRefused


def _quoted(statuses: list[str]) -> str:
    names = [f"“{STATUS_LABELS[status]}”" for status in statuses]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def refusal(status: str, step: str) -> str:
    doing = STEP_DOING.get(step, "do that")
    message = f"You cannot {doing} now: the referral is “{STATUS_LABELS.get(status, status)}”."
    allowed_from = statuses_allowing(step)
    if allowed_from:
        message += f" You can {doing} only while it is {_quoted(allowed_from)}."
    if not MOVES.get(status):
        message += " Nothing more is recorded on it: a new concern about the person needs a new referral."
    return message


def can(status: str, step: str) -> bool:
    return step in MOVES.get(status, {})


def move(status: str, step: str) -> str:
    """The status after `step`, or MoveRefused if the table does not allow it from `status`."""
    return MACHINE.after(status, step)


def statuses_allowing(step: str) -> list[str]:
    return [status for status, moves in MOVES.items() if step in moves]


def allowed(status: str, kind: str) -> list[str]:
    """The outcomes of one kind of step ("screening", "gateway", "panel") allowed from `status`."""
    return [step.split(":", 1)[1] for step in MOVES.get(status, {}) if step.startswith(kind + ":")]


def screening_step(decision: str) -> str:
    return f"screening:{decision}"


def gateway_step(outcome: str) -> str:
    return f"gateway:{outcome}"


def panel_decision_step(outcome: str) -> str:
    return f"panel:{outcome}"


# The table in the shape every status table has (core/state_machine.py), worded by `refusal`.
MACHINE = state_machine.Machine(
    name="referral", initial=INITIAL, moves=MOVES, labels=STATUS_LABELS, explain=refusal
)


# --- Dates checked against the process ---------------------------------------------------------------

# Reviews after support ends (Channel duty guidance): 6 and 12 months after the exit date. A review
# can be completed from a month before it is due; never refused for being late (it shows as overdue).
EXIT_REVIEW_MONTHS = (6, 12)
REVIEW_OPENS_MONTHS_BEFORE = 1


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier, when negative), or the month's last day where it is
    shorter (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def review_opens_on(due_on: date) -> date:
    return add_months(due_on, -REVIEW_OPENS_MONTHS_BEFORE)


def review_too_early(*, months_after_exit: int, due_on: date, today: date) -> str:
    """A message when the review's window has not opened yet, else an empty string."""
    opens_on = review_opens_on(due_on)
    if today >= opens_on:
        return ""
    return (
        f"The {months_after_exit}-month review can be completed from {long_date(opens_on)}, "
        f"a month before it is due on {long_date(due_on)}"
    )


def case_event_date_error(
    happened_on: date, *, today: date, received_on: date, adopted_on: date | None, what: str, too_early: str
) -> str:
    """A date of a case's milestone (consent withdrawn, exit, transfer): today or in the past, not
    before the referral was received, and not before the panel adopted the case."""
    if happened_on > today:
        return f"The date {what} must be today or in the past"
    if happened_on < received_on:
        return f"{too_early} cannot be before the referral was received on {long_date(received_on)}"
    if adopted_on is not None and happened_on < adopted_on:
        return f"{too_early} cannot be before the panel adopted the case on {long_date(adopted_on)}"
    return ""
