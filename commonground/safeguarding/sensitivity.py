"""The sensitivity class of every field of a safeguarding case (commonground.core.sensitivity),
declared once: the coordinator's pages, the panel member's case view and panel pack, and the
answering agency's request pages show the fields their purpose needs, from these declarations.
Imported by the app's AppConfig.ready(); system check core.E008 fails on a field left out."""

from commonground.core.sensitivity import Sensitivity, declare

IDENTIFYING = Sensitivity.IDENTIFYING
CONTACT = Sensitivity.CONTACT
REFERRER = Sensitivity.REFERRER
SPECIAL = Sensitivity.SPECIAL_CATEGORY
NARRATIVE = Sensitivity.CASE_NARRATIVE
PROGRESS = Sensitivity.CASE_PROGRESS
PARTNER = Sensitivity.PARTNER_INFORMATION
EQUALITY = Sensitivity.EQUALITY_MONITORING
OPERATIONAL = Sensitivity.OPERATIONAL

declare(
    "safeguarding.Referral",
    {
        # The person referred
        "first_name": IDENTIFYING,
        "last_name": IDENTIFYING,
        "other_names": IDENTIFYING,
        # The indexed sound-alike key of the name, for the subject access search only.
        "search_name": IDENTIFYING,
        "date_of_birth": IDENTIFYING,
        "age_years": IDENTIFYING,
        "gender": IDENTIFYING,
        "borough": OPERATIONAL,  # whose case it is: the borough's coordinator and panel
        "ward": CONTACT,
        "address": CONTACT,
        "language": CONTACT,
        "interpreter_needed": CONTACT,
        # Who referred
        "referrer_name": REFERRER,
        "referrer_role": REFERRER,
        "referrer_agency_name": REFERRER,
        "referrer_agency": REFERRER,
        "referring_sector": REFERRER,
        "referrer_contact": CONTACT,
        "referred_by": REFERRER,
        # The concern
        "concern": NARRATIVE,
        "concern_type": SPECIAL,
        "action_already_taken": NARRATIVE,
        "person_aware": PROGRESS,
        "safeguarding_lead_consulted": PROGRESS,
        "reference": IDENTIFYING,
        "received_at": PROGRESS,
        "status": PROGRESS,
        "version": OPERATIONAL,
        "source_report": REFERRER,  # the report line's report that led to it: who reported
    },
    derived={"full_name": ("first_name", "last_name")},
)

declare(
    "safeguarding.EqualityMonitoring",
    {
        "referral": OPERATIONAL,
        "ethnic_group": EQUALITY,
        "religion": EQUALITY,
        "recorded_at": EQUALITY,
    },
)

declare(
    "safeguarding.ScreeningDecision",
    {
        "referral": OPERATIONAL,
        "decision": PROGRESS,
        "reasons": NARRATIVE,
        "signposted_to": NARRATIVE,
        "decided_by": OPERATIONAL,
        "decided_at": PROGRESS,
    },
)

declare(
    "safeguarding.GatewayCheck",
    {
        "referral": OPERATIONAL,
        "outcome": PROGRESS,
        "notes": NARRATIVE,
        "recorded_by": OPERATIONAL,
        "recorded_at": PROGRESS,
    },
)

declare(
    "safeguarding.InformationRequest",
    {
        "referral": OPERATIONAL,
        "direction": OPERATIONAL,
        "agency": OPERATIONAL,
        "question": PARTNER,
        "due_on": OPERATIONAL,
        "sent_by": OPERATIONAL,
        "sent_at": OPERATIONAL,
        "answer": PARTNER,
        "answered_by": OPERATIONAL,
        "answered_at": OPERATIONAL,
        "last_chased_at": OPERATIONAL,
        "closed_at": OPERATIONAL,
        "closed_by": OPERATIONAL,
    },
)

declare(
    "safeguarding.InformationAnswerRevision",
    {
        "request": OPERATIONAL,
        "answer": PARTNER,
        "reason": PARTNER,
        "written_by": OPERATIONAL,
        "written_at": OPERATIONAL,
    },
)

declare(
    "safeguarding.InformationRequestMessage",
    {
        "request": OPERATIONAL,
        "body": PARTNER,
        "from_coordinator": OPERATIONAL,
        "written_by": OPERATIONAL,
        "written_at": OPERATIONAL,
    },
)

declare(
    "safeguarding.AgendaItem",
    {"meeting": OPERATIONAL, "referral": OPERATIONAL, "order": OPERATIONAL},
)

declare(
    "safeguarding.FactorDiscussion",
    {
        "agenda_item": OPERATIONAL,
        "factor": OPERATIONAL,
        "judgement": NARRATIVE,
        "evidence": NARRATIVE,
    },
)

declare(
    "safeguarding.PanelDecision",
    {
        "agenda_item": OPERATIONAL,
        "outcome": PROGRESS,
        "reasons": NARRATIVE,
        "signposted_to": NARRATIVE,
        "consent_given_by": PROGRESS,
        "consent_given_on": PROGRESS,
        "decided_by": OPERATIONAL,
        "decided_at": PROGRESS,
    },
)

declare(
    "safeguarding.Intervention",
    {
        "referral": OPERATIONAL,
        "kind": PROGRESS,
        "provider": PROGRESS,
        "owner": OPERATIONAL,
        "starts_on": PROGRESS,
        "due_on": PROGRESS,
        "status": PROGRESS,
    },
)

declare(
    "safeguarding.ProgressNote",
    {"intervention": OPERATIONAL, "note": NARRATIVE, "written_by": OPERATIONAL, "written_at": PROGRESS},
)

declare(
    "safeguarding.PlanAction",
    {
        "referral": OPERATIONAL,
        "description": NARRATIVE,
        "owner": OPERATIONAL,
        "due_on": PROGRESS,
        "done_at": PROGRESS,
    },
)

declare(
    "safeguarding.CaseEvent",
    {
        "referral": OPERATIONAL,
        "kind": PROGRESS,
        "happened_on": PROGRESS,
        "reasons": NARRATIVE,
        "from_borough": PROGRESS,
        "to_borough": PROGRESS,
        "recorded_by": OPERATIONAL,
        "recorded_at": OPERATIONAL,
    },
)

declare(
    "safeguarding.ExitReview",
    {
        "referral": OPERATIONAL,
        "months_after_exit": PROGRESS,
        "due_on": PROGRESS,
        "completed_at": PROGRESS,
        "completed_by": OPERATIONAL,
        "outcome": NARRATIVE,
    },
)
