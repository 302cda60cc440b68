"""Statistics editions: the figures a quarter freezes (checked against hand-worked values on a small
fixed dataset, see editions_data.py), and the publishing workflow: draft, approval by a data
protection officer who did not prepare it, publication, and corrections as new revisions."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.models import Area, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.insights import disclosure, releases
from commonground.insights.actions import editions as actions
from commonground.insights.disclosure import DisclosureRefused
from commonground.insights.models import EditionStatus, PublishedEditionError, StatisticsEdition
from commonground.insights.quarters import Quarter
from commonground.insights.queries import editions as editions_queries
from commonground.insights.releases import WITHHELD_NOTE
from tests.conftest import signed_in
from tests.factories import BOLTON, MANCHESTER, UserFactory, staff
from tests.insights import editions_data as data
from tests.insights.editions_data import cells, table_named

pytestmark = pytest.mark.django_db

QUARTER = Quarter.starting(2026, 2)
QUARTER_SLUG = data.QUARTER_SLUG
AFTER_THE_QUARTER = datetime(2026, 8, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(60))


@pytest.fixture(autouse=True)
def august_2026():
    with time_machine.travel(AFTER_THE_QUARTER, tick=False):
        yield


@pytest.fixture
def preparer():
    return staff(Role.PROGRAMME_MANAGER, "E47000001", username="preparer")


@pytest.fixture
def officer():
    return staff(Role.DATA_PROTECTION_OFFICER, "E47000001", username="officer")


@pytest.fixture
def draft(preparer):
    data.fixed_quarter()
    return actions.draft_edition(actor=preparer, quarter=QUARTER, quality_note="A late batch from June.")


def published(draft, preparer, officer) -> StatisticsEdition:
    actions.submit_for_approval(actor=preparer, edition=draft)
    actions.approve_edition(actor=officer, edition=draft, note="Checked.")
    return actions.publish_edition(actor=preparer, edition=draft)


# --- The figures -----------------------------------------------------------------------------------


def test_incidents_by_borough_suppress_the_small_count_and_the_entry_that_would_reveal_it(draft):
    table = cells(table_named(draft.tables, "hate-incidents-by-borough"))
    assert table["Bury"] == [None]  # 2: below the threshold of 5
    assert table["Bolton"] == [None]  # 20: suppressed so that Bury's 2 cannot be worked out
    assert table["Manchester"] == [35]  # 36, rounded to the nearest 5
    assert table["Oldham"] == [0]
    assert table["Total"] == [60]  # 58
    assert 2 not in [v for row in table.values() for v in row]


def test_incidents_by_month_are_rounded_to_the_nearest_five(draft):
    table = cells(table_named(draft.tables, "hate-incidents-by-month"))
    assert table == {"April 2026": [10], "May 2026": [15], "June 2026": [30], "Total": [60]}


def test_rates_per_100000_come_from_the_rounded_count_with_an_exact_poisson_interval(draft):
    table = cells(table_named(draft.tables, "hate-incident-rates-by-borough"))
    population = Area.objects.get(code=MANCHESTER).population
    count, residents, rate, lower, upper = table["Manchester"]
    assert (count, residents) == (35, population)
    assert rate == round(35 * 100_000 / population, 1)
    # Garwood interval for 35: chi2(0.025, 70)/2 = 24.379, chi2(0.975, 72)/2 = 48.677.
    assert lower == round(24.379 * 100_000 / population, 1)
    assert upper == round(48.677 * 100_000 / population, 1)
    # Where the count is suppressed, so is the rate.
    assert table["Bury"][0] is None and table["Bury"][2:] == [None, None, None]


def test_strand_records_are_published_by_borough_with_small_cells_protected(draft):
    table = table_named(draft.tables, "hate-incidents-by-borough-and-strand")
    assert not table["withheld"]
    bolton = cells(table)["Bolton"]
    race, religion = table["columns"].index("Race or ethnicity"), table["columns"].index("Religion or belief")
    # Bury's 2 race records are suppressed, and Bolton's 12, the smallest other entry of the column,
    # with them; Bolton's 8 religion records are published, rounded.
    assert cells(table)["Bury"][race] is None
    assert (bolton[race], bolton[religion]) == (None, 10)


def test_prevent_referrals_are_published_for_the_combined_authority_only(draft):
    concern = table_named(draft.tables, "prevent-referrals-by-type-of-concern")
    assert cells(concern)["Extreme right-wing"] == [20]
    assert cells(concern)["No ideology: vulnerability present but no counter-terrorism risk"] == [None]  # 3
    assert cells(concern)["Islamist"] == [None]  # 12, protecting the 3
    assert cells(concern)["Total"] == [35]
    outcome = cells(table_named(draft.tables, "prevent-referrals-by-outcome"))
    assert outcome["Still being assessed"] == [25]
    assert outcome["No further action"] == [10]
    assert outcome["Total"] == [35]
    prevent = [t for t in draft.tables if t["name"].startswith("prevent")]
    assert all("Bolton" not in t["rows"] for t in prevent)
    assert all(t["policy"]["threshold"] == 10 for t in prevent)


def test_a_table_from_too_few_records_is_withheld_with_a_note_and_never_stored_raw(draft):
    tension = table_named(draft.tables, "tension-reports-by-borough-and-category")
    assert tension["withheld"] is True
    assert tension["note"] == WITHHELD_NOTE
    assert tension["cells"] == [] and tension["rows"] == []


def test_headline_figures_are_rounded_and_compared_with_the_same_quarter_last_year(draft):
    incidents = next(h for h in draft.headlines if h["key"] == "hate_incidents")
    assert (incidents["value"], incidents["previous_value"], incidents["change_percent"]) == (60, 40, 50)
    assert incidents["previous_period"] == "April to June 2025"
    tension = next(h for h in draft.headlines if h["key"] == "tension_reports")
    assert tension["value"] is None  # 3, below the threshold
    referrals = next(h for h in draft.headlines if h["key"] == "prevent_referrals")
    assert referrals["value"] == 35


def test_the_content_fingerprint_covers_the_figures_and_the_notes(draft):
    assert draft.content_sha256 == actions.content_sha256(draft)
    draft.quality_note = "Changed"
    assert actions.content_sha256(draft) != draft.content_sha256


# --- Drafting ----------------------------------------------------------------------------------------


def test_drafting_is_audited_with_the_fingerprint(draft, preparer):
    event = AuditEvent.objects.get(object_type="insights.statisticsedition", object_id=str(draft.pk))
    assert event.action == AuditAction.CREATE and event.actor == preparer
    assert event.changes["content_sha256"] == draft.content_sha256


def test_a_quarter_that_has_not_ended_cannot_be_drafted(preparer):
    data.fixed_quarter()
    with pytest.raises(ValidationError, match="has ended"):
        actions.draft_edition(actor=preparer, quarter=Quarter.starting(2026, 3))
    assert not StatisticsEdition.objects.exists()


def test_a_quarter_before_the_data_starts_cannot_be_drafted(preparer):
    data.fixed_quarter()
    with pytest.raises(ValidationError, match="holds data"):
        actions.draft_edition(actor=preparer, quarter=Quarter.starting(2024, 4))


def test_a_quarter_has_one_first_edition(draft, preparer):
    with pytest.raises(ValidationError, match="already an edition"):
        actions.draft_edition(actor=preparer, quarter=QUARTER)


def test_a_tension_analyst_cannot_draft_an_edition():
    data.fixed_quarter()
    analyst = staff(Role.TENSION_ANALYST, BOLTON)
    with pytest.raises(PermissionDenied):
        actions.draft_edition(actor=analyst, quarter=QUARTER)


def test_recounting_a_draft_picks_up_late_reports(draft, preparer):
    data.hate_incidents(MANCHESTER, 10, on=date(2026, 6, 29))
    changed = actions.update_draft(actor=preparer, edition=draft, quality_note="Recounted", recount=True)
    assert cells(table_named(changed.tables, "hate-incidents-by-borough"))["Manchester"] == [45]
    assert changed.content_sha256 == actions.content_sha256(changed)


# --- Approval and publication ------------------------------------------------------------------------


def test_an_officer_approves_and_the_preparer_publishes(draft, preparer, officer):
    edition = published(draft, preparer, officer)
    assert edition.status == EditionStatus.PUBLISHED
    assert (edition.approved_by, edition.approval_note) == (officer, "Checked.")
    statuses = [
        e.changes["status"][1]
        for e in AuditEvent.objects.filter(
            object_type="insights.statisticsedition", object_id=str(draft.pk), action=AuditAction.UPDATE
        ).order_by("sequence")
    ]
    assert statuses == ["awaiting_approval", "approved", "published"]


def test_whoever_prepared_an_edition_cannot_approve_it():
    data.fixed_quarter()
    both = UserFactory(roles=[Role.PROGRAMME_MANAGER, Role.DATA_PROTECTION_OFFICER])
    own = actions.draft_edition(actor=both, quarter=QUARTER)
    actions.submit_for_approval(actor=both, edition=own)
    with pytest.raises(ValidationError, match="someone else must approve"):
        actions.approve_edition(actor=both, edition=own)
    assert StatisticsEdition.objects.get(pk=own.pk).status == EditionStatus.AWAITING_APPROVAL


def test_a_programme_manager_cannot_approve(draft, preparer):
    actions.submit_for_approval(actor=preparer, edition=draft)
    other = staff(Role.PROGRAMME_MANAGER, BOLTON)
    with pytest.raises(PermissionDenied):
        actions.approve_edition(actor=other, edition=draft)


def test_sending_back_needs_reasons_and_returns_a_draft(draft, preparer, officer):
    actions.submit_for_approval(actor=preparer, edition=draft)
    with pytest.raises(ValidationError):
        actions.send_back(actor=officer, edition=draft, reasons=" ")
    returned = actions.send_back(actor=officer, edition=draft, reasons="Explain the June rise.")
    assert (returned.status, returned.approval_note) == (EditionStatus.DRAFT, "Explain the June rise.")
    assert AuditEvent.objects.filter(object_id=str(draft.pk), reason="Explain the June rise.").exists()


def test_an_edition_cannot_be_published_before_it_is_approved(draft, preparer):
    actions.submit_for_approval(actor=preparer, edition=draft)
    with pytest.raises(ValidationError, match="approved"):
        actions.publish_edition(actor=preparer, edition=draft)
    assert StatisticsEdition.objects.get(pk=draft.pk).status == EditionStatus.AWAITING_APPROVAL


def test_a_published_edition_never_changes(draft, preparer, officer):
    edition = published(draft, preparer, officer)
    edition.quality_note = "Quietly changed"
    with pytest.raises(PublishedEditionError):
        edition.save()
    with pytest.raises(PublishedEditionError):
        StatisticsEdition.objects.filter(pk=edition.pk).update(quality_note="Quietly changed")
    with pytest.raises(PublishedEditionError):
        edition.delete()
    with pytest.raises(ValidationError):
        actions.update_draft(actor=preparer, edition=edition, quality_note="Changed")
    assert StatisticsEdition.objects.get(pk=edition.pk).quality_note == "A late batch from June."


# --- Corrections -------------------------------------------------------------------------------------


def test_a_correction_is_a_new_revision_with_a_note_through_the_same_approval(draft, preparer, officer):
    first = published(draft, preparer, officer)
    with pytest.raises(ValidationError):
        actions.correct_edition(actor=preparer, edition=first, correction_note="")
    data.hate_incidents(MANCHESTER, 10, on=date(2026, 6, 29))
    correction = actions.correct_edition(
        actor=preparer, edition=first, correction_note="Ten June reports were entered late."
    )
    assert (correction.revision, correction.supersedes, correction.status) == (2, first, EditionStatus.DRAFT)
    assert cells(table_named(correction.tables, "hate-incidents-by-borough"))["Manchester"] == [45]
    assert cells(table_named(first.tables, "hate-incidents-by-borough"))["Manchester"] == [35]
    with pytest.raises(ValidationError, match="already been corrected"):
        actions.correct_edition(actor=preparer, edition=first, correction_note="Again")
    second = published(correction, preparer, officer)
    assert second.status == EditionStatus.PUBLISHED
    assert StatisticsEdition.objects.get(pk=first.pk).status == EditionStatus.PUBLISHED
    event = AuditEvent.objects.get(
        object_type="insights.statisticsedition", object_id=str(correction.pk), action=AuditAction.CREATE
    )
    assert event.reason == "Ten June reports were entered late."


# --- Pages -------------------------------------------------------------------------------------------


def test_a_programme_manager_drafts_an_edition_from_the_page(preparer):
    data.fixed_quarter()
    client = signed_in(preparer)
    page = client.get("/staff/insights/editions/new/")
    assert page.status_code == 200 and "April to June 2026" in page.content.decode()
    response = client.post("/staff/insights/editions/new/", {"quarter": QUARTER_SLUG, "quality_note": ""})
    edition = StatisticsEdition.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/insights/editions/{edition.pk}/"
    assert "Send for approval" in client.get(response["Location"]).content.decode()


def test_choosing_no_quarter_shows_an_error(preparer):
    data.fixed_quarter()
    response = signed_in(preparer).post("/staff/insights/editions/new/", {"quarter": ""})
    assert response.status_code == 200
    assert "Choose the quarter this edition is for" in response.content.decode()


def test_the_officer_approves_from_the_decision_page(draft, preparer, officer):
    actions.submit_for_approval(actor=preparer, edition=draft)
    client = signed_in(officer)
    url = f"/staff/insights/editions/{draft.pk}/decision/"
    refused = client.post(url, {"decision": "send_back", "note": ""})
    assert "Say why the edition is being sent back" in refused.content.decode()
    response = client.post(url, {"decision": "approve", "note": "Fine"})
    assert response.status_code == 302
    assert StatisticsEdition.objects.get(pk=draft.pk).status == EditionStatus.APPROVED


def test_publishing_is_a_post_from_the_edition_page(draft, preparer, officer):
    actions.submit_for_approval(actor=preparer, edition=draft)
    actions.approve_edition(actor=officer, edition=draft)
    client = signed_in(preparer)
    assert client.get(f"/staff/insights/editions/{draft.pk}/publish/").status_code == 405
    client.post(f"/staff/insights/editions/{draft.pk}/publish/")
    assert StatisticsEdition.objects.get(pk=draft.pk).status == EditionStatus.PUBLISHED


# --- Pure parts ------------------------------------------------------------------------------------


def test_a_table_the_auditor_refuses_is_left_out_with_a_note_and_no_figures(monkeypatch):
    def refuse(table, *, policy):
        raise DisclosureRefused(["Bury / Race: can be worked out to lie between 2 and 2"])

    monkeypatch.setattr(disclosure, "publish", refuse)
    table = releases.counts_table(
        name="example",
        title="Example",
        description="",
        row_header="Borough",
        rows=["Bolton", "Bury"],
        columns=["Race"],
        cells=[[20], [2]],
        policy=disclosure.HATE_INCIDENTS,
    )
    assert (table["withheld"], table["note"]) == (True, WITHHELD_NOTE)
    assert table["cells"] == [] and table["rows"] == []


@pytest.mark.parametrize(
    ("slug", "start", "end"),
    [("2026-q1", date(2026, 1, 1), date(2026, 3, 31)), ("2025-q4", date(2025, 10, 1), date(2025, 12, 31))],
)
def test_a_quarter_is_named_by_its_year_and_number(slug, start, end):
    quarter = Quarter.from_slug(slug)
    assert (quarter.start, quarter.end, quarter.slug) == (start, end, slug)


@pytest.mark.parametrize("slug", ["2026-q5", "2026-q0", "26-q1", "2026q1", "archive", ""])
def test_a_quarter_slug_that_names_no_quarter_is_none(slug):
    assert Quarter.from_slug(slug) is None


def test_the_quarter_before_the_first_is_the_last_of_the_year_before():
    assert Quarter.starting(2026, 1).previous() == Quarter.starting(2025, 4)
    assert Quarter.starting(2026, 3).previous_year() == Quarter.starting(2025, 3)


# --- Waiting lists -----------------------------------------------------------------------------------


def test_an_edition_awaiting_approval_waits_for_officers_other_than_its_preparer(draft, preparer, officer):
    actions.submit_for_approval(actor=preparer, edition=draft)
    [item] = editions_queries.editions_to_approve(scope_for(officer))
    assert (item.label, item.url) == (
        "April to June 2026, revision 1",
        f"/staff/insights/editions/{draft.pk}/",
    )
    assert editions_queries.editions_to_approve(scope_for(preparer)) == []


def test_an_approved_edition_waits_for_a_preparer_to_publish_it(draft, preparer, officer):
    actions.submit_for_approval(actor=preparer, edition=draft)
    actions.approve_edition(actor=officer, edition=draft)
    [item] = editions_queries.editions_to_finish(scope_for(preparer))
    assert item.detail == "approved: ready to publish"
    actions.publish_edition(actor=preparer, edition=draft)
    assert editions_queries.editions_to_finish(scope_for(preparer)) == []
