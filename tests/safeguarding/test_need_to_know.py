"""Need to know, field by field. One Bolton case with every field filled with a value found nowhere
else (the person's names, date of birth, address and language; the referrer's name, organisation,
role, telephone and email; the concern and what was done; equality monitoring; the screening; two
agencies' questions and answers and a message; the panel's evidence). Then every kind of person
signs in and opens every page about the case they can reach, and downloads what they may (the panel
pack, the subject access export): for each field, its value must appear, or must not, as their
purpose says (commonground/core/sensitivity.py, safeguarding/sensitivity.py). The panel pack read
by a panel member, as text extracted from the PDF, holds no field the panel view hides."""

import io
import json
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from commonground.core import sensitivity
from commonground.core.models import AgencyKind, Area, User
from commonground.core.roles import Role
from commonground.core.sensitivity import Purpose
from commonground.safeguarding.actions import panels as panel_actions
from commonground.safeguarding.actions.information import send_information_request
from commonground.safeguarding.actions.information_answers import answer_information_request, post_message
from commonground.safeguarding.actions.referrals import EqualityAnswers
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import (
    ConcernType,
    EthnicGroup,
    InformationRequest,
    PanelMeeting,
    Referral,
    Religion,
    VulnerabilityFactor,
)
from tests.clock import FROZEN
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in
from tests.safeguarding.test_panels import attend, new_meeting

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

SG = "/staff/safeguarding/"


@dataclass(frozen=True)
class Field:
    """One field of the case, and the words that show it on a page, a PDF or an export (one of
    them is enough: a date reads differently on a page and in JSON)."""

    key: str
    model: str
    name: str
    needles: tuple[str, ...]


# Every field with a value that can be told apart in text. The rest (numbers, flags, dates of the
# record, links to shared rows) are classified too, and checked by system check core.E008.
FIELDS = [
    Field("first name", "safeguarding.Referral", "first_name", ("Zebedee",)),
    Field("last name", "safeguarding.Referral", "last_name", ("Quartermaine",)),
    Field("other names", "safeguarding.Referral", "other_names", ("Zebbo Marsh",)),
    Field(
        "date of birth",
        "safeguarding.Referral",
        "date_of_birth",
        ("14 March 2009", "2009-03-14", "14/03/2009"),
    ),
    Field("gender", "safeguarding.Referral", "gender", ("Agender",)),
    Field("address", "safeguarding.Referral", "address", ("Wrenfold Mews",)),
    Field("language", "safeguarding.Referral", "language", ("Tigrinya",)),
    Field("referrer's name", "safeguarding.Referral", "referrer_name", ("Ottoline Bramwell",)),
    Field("referrer's role", "safeguarding.Referral", "referrer_role", ("Head of Pastoral Care",)),
    Field(
        "referrer's organisation", "safeguarding.Referral", "referrer_agency_name", ("Hollinsbrook Academy",)
    ),
    Field("referrer's contact", "safeguarding.Referral", "referrer_contact", ("obramwell@hollinsbrook",)),
    Field("the concern", "safeguarding.Referral", "concern", ("Quillfeather",)),
    Field(
        "type of concern", "safeguarding.Referral", "concern_type", ("School massacre or violence fixation",)
    ),
    Field("already done", "safeguarding.Referral", "action_already_taken", ("Ravensworth",)),
    Field("ethnic group", "safeguarding.EqualityMonitoring", "ethnic_group", ("White: Roma",)),
    Field("religion", "safeguarding.EqualityMonitoring", "religion", ("Buddhist",)),
    Field("screening reasons", "safeguarding.ScreeningDecision", "reasons", ("Pemberley-Oakes",)),
    Field("police question", "safeguarding.InformationRequest", "question", ("Marlpit custody",)),
    Field("police answer", "safeguarding.InformationRequest", "answer", ("Thistledown canal",)),
    Field("health question", "safeguarding.InformationRequest", "question", ("Larkhill clinic",)),
    Field("health answer", "safeguarding.InformationRequest", "answer", ("Brackenfold CAMHS",)),
    Field("message on the police request", "safeguarding.InformationRequestMessage", "body", ("Gorsemoor",)),
    Field("panel's evidence", "safeguarding.FactorDiscussion", "evidence", ("Wyvernhill",)),
]
FIELD = {f.key: f for f in FIELDS}
ALL = frozenset(FIELD)
EQUALITY = frozenset({"ethnic group", "religion"})
# Questions and answers exchanged with an agency: each agency sees its own, never the other's.
HEALTH_EXCHANGE = frozenset({"health question", "health answer"})


@dataclass
class Case:
    referral: Referral
    meeting: PanelMeeting
    item_id: int
    coordinator: User
    police_request: InformationRequest
    health_request: InformationRequest
    police_officer: User
    health_worker: User
    needles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def pages(self) -> dict[str, tuple[str, str, dict | None]]:
        """Every page about the case: name -> (method, URL, data posted)."""
        r, m = f"{SG}referrals/{self.referral.pk}/", f"{SG}panels/{self.meeting.pk}/"
        reason = {"reason": "Subject access request SAR-2026-117"}
        return {
            "referrals list": ("get", SG, None),
            "referral": ("get", r, None),
            "edit referral": ("get", f"{r}edit/", None),
            "panels": ("get", f"{SG}panels/", None),
            "meeting": ("get", m, None),
            "agenda item": ("get", f"{m}items/{self.item_id}/", None),
            "panel case": ("get", f"{m}cases/{self.referral.pk}/", None),
            "panel pack": ("get", f"{m}pack.pdf", None),
            "case requests": ("get", f"{SG}case-requests/", None),
            "police case request": ("get", f"{SG}case-requests/{self.police_request.pk}/", None),
            "health case request": ("get", f"{SG}case-requests/{self.health_request.pk}/", None),
            "requests for the agency": ("get", f"{SG}requests/", None),
            "police request": ("get", f"{SG}requests/{self.police_request.pk}/", None),
            "health request": ("get", f"{SG}requests/{self.health_request.pk}/", None),
            "ask the coordinator": ("get", f"{SG}requests/ask/{self.referral.pk}/", None),
            "outside scope": ("post", f"{r}outside-scope/", reason),
            "subject access (JSON)": ("post", f"{r}subject-access/", reason | {"format": "json"}),
            "subject access (PDF)": ("post", f"{r}subject-access/", reason | {"format": "pdf"}),
        }


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def text_of(response) -> str:
    """What the person is shown: a page's HTML, a PDF's text, an export's JSON; spaces collapsed
    (a PDF breaks lines where it likes)."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/pdf"):
        text = pdf_text(response.content)
    elif content_type.startswith("application/json"):
        text = json.dumps(json.loads(response.content), ensure_ascii=False)
    else:
        text = response.content.decode()
    return " ".join(text.split())


def reach(client: Client, case: Case) -> dict[str, tuple[int, str]]:
    seen = {}
    for name, (method, url, data) in case.pages().items():
        response = client.post(url, data) if method == "post" else client.get(url)
        seen[name] = (response.status_code, text_of(response) if response.status_code == 200 else "")
    return seen


def fields_in(text: str, case: Case) -> set[str]:
    return {key for key, needles in case.needles.items() if any(needle in text for needle in needles)}


@pytest.fixture
def case() -> Case:
    """Referred by a school with every detail given, screened, asked of the police and of health
    (both answered, the police with a message too), on a Bolton panel's agenda with the factors
    discussed."""
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    ward = Area.objects.wards().filter(parent__code=BOLTON).order_by("name").first()
    referral = referral_in(
        BOLTON,
        equality=EqualityAnswers(ethnic_group=EthnicGroup.WHITE_ROMA, religion=Religion.BUDDHIST),
        first_name="Zebedee",
        last_name="Quartermaine",
        other_names="Zebbo Marsh",
        date_of_birth=date(2009, 3, 14),
        gender="Agender",
        ward=ward,
        address="4 Wrenfold Mews, Bolton BL1 9ZQ",
        language="Tigrinya",
        interpreter_needed=True,
        referrer_name="Ottoline Bramwell",
        referrer_role="Head of Pastoral Care",
        referrer_agency_name="Hollinsbrook Academy",
        referrer_contact="obramwell@hollinsbrook.example, 01204 555019",
        concern="Keeps a notebook praising the Quillfeather attack and names classmates in it.",
        concern_type=ConcernType.SCHOOL_MASSACRE,
        action_already_taken="Met the family at Ravensworth family centre.",
    )
    record_screening_decision(
        actor=coordinator,
        referral=referral,
        decision="proceed",
        reasons="Screened by Pemberley-Oakes: needs the panel.",
    )
    due = timezone.localdate() + timedelta(days=7)
    police = AgencyFactory(
        name="Greater Manchester Police", kind=AgencyKind.POLICE, serves=[GREATER_MANCHESTER]
    )
    health = AgencyFactory(name="Bolton Health Trust", kind=AgencyKind.HEALTH, serves=[BOLTON])
    police_officer = UserFactory(agency=police, roles=[Role.TRIAGE_OFFICER])
    health_worker = UserFactory(agency=health, roles=[Role.TRIAGE_OFFICER])
    police_request = send_information_request(
        actor=coordinator,
        referral=referral,
        agency=police,
        question="Anything from the Marlpit custody suite?",
        due_on=due,
    )
    answer_information_request(
        actor=police_officer, request=police_request, answer="Seen by the Thistledown canal."
    )
    post_message(actor=coordinator, request=police_request, body="Please check the Gorsemoor log as well.")
    health_request = send_information_request(
        actor=coordinator,
        referral=referral,
        agency=health,
        question="Seen at the Larkhill clinic?",
        due_on=due,
    )
    answer_information_request(
        actor=health_worker, request=health_request, answer="Known to Brackenfold CAMHS."
    )
    meeting = new_meeting(BOLTON, coordinator)
    item = panel_actions.add_to_agenda(actor=coordinator, meeting=meeting, referral=referral)
    panel_actions.record_factor_discussion(
        actor=coordinator,
        agenda_item=item,
        judgements={
            factor.pk: panel_actions.Judgement("present", "Wyvernhill forum posts.")
            for factor in VulnerabilityFactor.objects.filter(is_active=True)
        },
    )
    referral.refresh_from_db()
    return Case(
        referral=referral,
        meeting=meeting,
        item_id=item.pk,
        coordinator=coordinator,
        police_request=police_request,
        health_request=health_request,
        police_officer=police_officer,
        health_worker=health_worker,
        needles={f.key: f.needles for f in FIELDS},
    )


@pytest.fixture
def panel_member(case) -> User:
    member = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.EDUCATION)
    attend(case.meeting, member)
    return member


@dataclass(frozen=True)
class Expected:
    """What one kind of person opens (200) and sees, field by field; everything else is hidden."""

    pages: frozenset[str]
    sees: frozenset[str]
    purpose: Purpose | None = None  # the purpose whose declaration their pages follow


COORDINATOR_PAGES = frozenset(
    {
        "referrals list",
        "referral",
        "edit referral",
        "panels",
        "meeting",
        "agenda item",
        "panel pack",
        "case requests",
        "police case request",
        "health case request",
        "requests for the agency",  # their own agency's (none here)
    }
)
PANEL_SEES = frozenset(
    {
        "first name",
        "last name",
        "other names",
        "the concern",
        "type of concern",
        "screening reasons",
        "police question",
        "police answer",
        "health question",
        "health answer",
        "panel's evidence",
    }
)
# The fields the panel does not need, from the declaration: the ones the pack must not carry.
PANEL_HIDES = frozenset(
    key for key, f in FIELD.items() if not sensitivity.shows(Purpose.PANEL, f.model, f.name)
)


def expected_for(who: str) -> Expected:
    return {
        # The whole case, but never equality monitoring (kept apart from every decision).
        "coordinator": Expected(COORDINATOR_PAGES, ALL - EQUALITY, Purpose.CASE_MANAGEMENT),
        # Enough to discuss the case: not where the person lives, their language, who referred them
        # or how to reach the referrer, not equality monitoring, not the agencies' threads; the
        # age rather than the date of birth. The agency's link to ask the coordinator, too.
        "panel member": Expected(
            frozenset(
                {"panels", "panel case", "panel pack", "requests for the agency", "ask the coordinator"}
            ),
            PANEL_SEES,
            Purpose.PANEL,
        ),
        # Who the person is, and the agency's own request with its thread: nothing else of the case,
        # nor the other agency's question and answer.
        "police officer": Expected(
            frozenset({"requests for the agency", "police request", "ask the coordinator"}),
            frozenset(
                {"first name", "last name", "date of birth", "police question", "police answer"}
                | {"message on the police request"}
            ),
            Purpose.ANSWERING_AGENCY,
        ),
        "health worker": Expected(
            frozenset({"requests for the agency", "health request", "ask the coordinator"}),
            frozenset({"first name", "last name", "date of birth", "health question", "health answer"}),
            Purpose.ANSWERING_AGENCY,
        ),
        # With a reason, everything held about the person: the subject access export holds it all.
        "data protection officer": Expected(
            frozenset({"outside scope", "subject access (JSON)", "subject access (PDF)"}),
            ALL,
            Purpose.SUBJECT_ACCESS,
        ),
    }.get(who, Expected(frozenset(), frozenset()))


# Lists of one's own work: anyone whose role has such a list opens it, and finds the case is not on it.
OWN_LISTS = frozenset({"referrals list", "panels", "case requests", "requests for the agency"})


def people(case: Case, panel_member: User) -> dict[str, User]:
    return {
        "coordinator": case.coordinator,
        "panel member": panel_member,
        "police officer": case.police_officer,
        "health worker": case.health_worker,
        "data protection officer": staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER),
        "triage officer of an agency not asked": staff(Role.TRIAGE_OFFICER, BOLTON, kind=AgencyKind.POLICE),
        "coordinator of another borough": staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM),
        "panel member of another panel": staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.HEALTH),
        "helpline advisor": staff(Role.HELPLINE_ADVISOR, BOLTON),
        "partner officer": staff(Role.PARTNER_OFFICER, BOLTON),
        "programme manager": staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER),
        "system administrator": staff(Role.SYSTEM_ADMINISTRATOR, GREATER_MANCHESTER),
    }


def test_the_declaration_gives_every_field_of_the_case_a_class_and_each_purpose_its_classes():
    for f in FIELDS:
        assert isinstance(sensitivity.class_of(f.model, f.name), sensitivity.Sensitivity), f.key
    # The panel: not the referrer's contact details, not where the person lives, not equality monitoring.
    assert {"referrer's contact", "address", "ethnic group", "religion"} <= PANEL_HIDES
    assert not sensitivity.shows(Purpose.PANEL, "safeguarding.Referral", "referrer_contact")
    # The answering agency: the person's identifying details and the request.
    agency = {f.key for f in FIELDS if sensitivity.shows(Purpose.ANSWERING_AGENCY, f.model, f.name)}
    assert {"first name", "last name", "date of birth", "police question", "police answer"} <= agency
    assert not agency & {
        "the concern",
        "type of concern",
        "address",
        "referrer's contact",
        "screening reasons",
    }
    assert not sensitivity.shows(Purpose.CASE_MANAGEMENT, "safeguarding.EqualityMonitoring", "religion")


def test_every_role_over_the_same_case_sees_exactly_what_its_purpose_needs(sign_in, case, panel_member):
    for who, user in people(case, panel_member).items():
        expected = expected_for(who)
        reached = reach(sign_in(user), case)
        opened = {name for name, (status, _) in reached.items() if status == 200}
        assert expected.pages <= opened <= expected.pages | OWN_LISTS, f"{who} opened {sorted(opened)}"
        refused = {name: status for name, (status, _) in reached.items() if status != 200}
        assert set(refused.values()) <= {403, 404}, f"{who}: {refused}"

        seen = set().union(*(fields_in(text, case) for _, text in reached.values()))
        for key in sorted(ALL):
            if key in expected.sees:
                assert key in seen, f"{who} should see the {key}"
            else:
                assert key not in seen, f"{who} should not see the {key}"
        if expected.purpose is not None:
            # What they see is what their purpose's declaration allows (an agency sees its own
            # exchange only: the other's is hidden by the scope, not by the class).
            allowed = {k for k, f in FIELD.items() if sensitivity.shows(expected.purpose, f.model, f.name)}
            assert expected.sees <= allowed, (
                f"{who} sees {sorted(expected.sees - allowed)} beyond their purpose"
            )


def test_the_panel_pack_of_a_panel_member_carries_no_field_the_panel_view_hides(sign_in, case, panel_member):
    client = sign_in(panel_member)
    pack = client.get(f"{SG}panels/{case.meeting.pk}/pack.pdf")
    assert pack.status_code == 200 and pack["Content-Type"] == "application/pdf"
    text = text_of(pack)
    page = text_of(client.get(f"{SG}panels/{case.meeting.pk}/cases/{case.referral.pk}/"))
    # The pack carries what the panel discusses: the same fields as the panel case view.
    assert fields_in(text, case) == fields_in(page, case) == PANEL_SEES
    for key in sorted(PANEL_HIDES):
        assert not fields_in(text, case) & {key}, f"the pack carries the {key}"
    assert "Zebedee Quartermaine" in text and "Wrenfold" not in text and "hollinsbrook" not in text.lower()


def test_the_coordinators_pack_is_the_panels_document_too(sign_in, case):
    """The pack is for the panel, whoever produces it: the coordinator's copy hides the same fields."""
    text = text_of(sign_in(case.coordinator).get(f"{SG}panels/{case.meeting.pk}/pack.pdf"))
    assert fields_in(text, case) == PANEL_SEES


def test_the_data_protection_officers_read_outside_scope_never_shows_equality_monitoring(sign_in, case):
    client = sign_in(staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER))
    page = client.post(
        f"{SG}referrals/{case.referral.pk}/outside-scope/", {"reason": "Complaint CMP-2026-040"}
    )
    assert page.status_code == 200
    seen = fields_in(text_of(page), case)
    assert {"first name", "address", "the concern", "police answer"} <= seen
    assert not seen & EQUALITY
