"""Re-auditing published editions with the current auditor: a table an edition published under the
older, weaker audit is withdrawn with a note, and its figures are served nowhere; a table that is
safe is left as it was. A published edition itself never changes."""

from datetime import datetime
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from commonground.core.models import AuditEvent
from commonground.core.roles import Role
from commonground.insights import disclosure
from commonground.insights.actions import editions as actions
from commonground.insights.actions.withdrawals import REAUDIT_NOTE, withdraw_table
from commonground.insights.models import EditionStatus, StatisticsEdition, TableWithdrawal
from commonground.insights.quarters import Quarter
from tests.factories import staff
from tests.insights import editions_data as data

pytestmark = pytest.mark.django_db

AFTER_THE_QUARTER = datetime(2026, 8, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(60))
STRANDS = "hate-incidents-by-borough-and-strand"

# What the older audit let through (it allowed a suppressed count to be 0): six boroughs with 1 or 2
# disability incidents each, 7 in all, published as 5; the race counts beside them suppressed so
# that no row has a single [c]. Read with "zeros are published", six values of at least 1 adding up
# to 5 to 7 are each 1 or 2.
OLD_RULE_STRANDS = {
    "name": STRANDS,
    "title": "Hate incidents by borough and strand",
    "description": "",
    "kind": "counts",
    "row_header": "Borough",
    "policy": {"threshold": 5, "rounding_base": 5, "minimum_records": 10},
    "withheld": False,
    "note": "",
    "columns": ["Race", "Disability", "All strand records"],
    "rows": [f"Borough {n}" for n in range(6)] + ["Total"],
    "cells": [
        [None, None, 20],  # 19 + 1
        [None, None, 20],  # 20 + 1
        [None, None, 20],  # 21 + 1
        [None, None, 25],  # 22 + 1
        [None, None, 25],  # 23 + 1
        [None, None, 25],  # 24 + 2
        [130, 5, 135],  # 129, 7, 136
    ],
}
SAFE_MONTHS = {
    **OLD_RULE_STRANDS,
    "name": "hate-incidents-by-month",
    "title": "Hate incidents by month",
    "columns": ["Hate incidents"],
    "rows": ["April 2026", "May 2026", "June 2026", "Total"],
    "cells": [[40], [45], [50], [135]],
}


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


def published_under_the_old_rule(preparer, officer) -> StatisticsEdition:
    quarter = Quarter.starting(2026, 1)
    now = timezone.now()
    edition = StatisticsEdition(
        period_start=quarter.start,
        period_end=quarter.end,
        status=EditionStatus.PUBLISHED,
        headlines=[],
        tables=[OLD_RULE_STRANDS, SAFE_MONTHS],
        prepared_by=preparer,
        prepared_at=now,
        approved_by=officer,
        approved_at=now,
        published_by=preparer,
        published_at=now,
    )
    edition.content_sha256 = actions.content_sha256(edition)
    edition.save()
    return edition


def published_under_the_new_rule(preparer, officer) -> StatisticsEdition:
    data.fixed_quarter()
    draft = actions.draft_edition(actor=preparer, quarter=Quarter.starting(2026, 2))
    actions.submit_for_approval(actor=preparer, edition=draft)
    actions.approve_edition(actor=officer, edition=draft)
    return actions.publish_edition(actor=preparer, edition=draft)


def reaudit(*args) -> str:
    out = StringIO()
    call_command("reaudit_editions", *args, stdout=out)
    return out.getvalue()


def test_the_table_the_old_audit_let_through_is_withdrawn_and_the_safe_ones_are_untouched(preparer, officer):
    old = published_under_the_old_rule(preparer, officer)
    new = published_under_the_new_rule(preparer, officer)
    fingerprints = {old.pk: old.content_sha256, new.pk: new.content_sha256}

    output = reaudit()

    [withdrawal] = TableWithdrawal.objects.all()
    assert (withdrawal.edition_id, withdrawal.table_name) == (old.pk, STRANDS)
    assert withdrawal.note == REAUDIT_NOTE
    assert withdrawal.withdrawn_by is None
    assert "Borough 0 / Disability: can be worked out to lie between 1 and 2" in withdrawal.reasons[0]
    # The editions themselves are exactly as approved.
    for edition in StatisticsEdition.objects.all():
        assert edition.content_sha256 == fingerprints[edition.pk] == actions.content_sha256(edition)
    event = AuditEvent.objects.get(object_type="insights.tablewithdrawal")
    assert event.object_id == str(withdrawal.pk)
    assert event.actor_label.startswith("disclosure re-audit")
    assert "January to March 2026, revision 1" in output and f"withdrew {STRANDS}" in output
    assert "Re-audited 2 published edition(s)" in output
    assert "withdrew 1 table(s) from 1 edition(s)" in output


def test_a_withdrawn_table_shows_its_note_and_no_figures_on_every_public_route(client, preparer, officer):
    old = published_under_the_old_rule(preparer, officer)
    reaudit()
    page = client.get(f"/statistics/{old.slug}/revision-1/").content.decode()
    assert REAUDIT_NOTE in page
    assert "withdrawn on 3 August 2026" in page
    months = client.get(f"/statistics/{old.slug}/revision-1/hate-incidents-by-month.csv")
    assert "April 2026,40" in months.content.decode()  # the safe table is still there
    strands = client.get(f"/statistics/{old.slug}/revision-1/{STRANDS}.csv").content.decode()
    assert REAUDIT_NOTE in strands and "All strand records" not in strands and "135" not in strands
    api = client.get(f"/api/v1/statistics/editions/{old.slug}/tables/{STRANDS}?revision=1").json()
    assert api["table"]["withheld"] is True and api["table"]["rows"] == []
    assert api["table"]["note"].startswith(REAUDIT_NOTE)
    listed = client.get(f"/api/v1/statistics/editions/{old.slug}").json()
    assert {t["name"]: t["withheld"] for t in listed["tables"]} == {
        STRANDS: True,
        "hate-incidents-by-month": False,
    }


def test_reauditing_again_withdraws_nothing_more_and_a_dry_run_withdraws_nothing(preparer, officer):
    published_under_the_old_rule(preparer, officer)
    dry = reaudit("--dry-run")
    assert f"would withdraw {STRANDS}" in dry
    assert not TableWithdrawal.objects.exists()
    reaudit()
    again = reaudit()
    assert TableWithdrawal.objects.count() == 1
    assert f"already withdrawn: {STRANDS}" in again
    assert "withdrew 0 table(s) from 0 edition(s)" in again


def test_a_data_protection_officer_withdraws_a_table_and_no_one_else_may(preparer, officer):
    old = published_under_the_old_rule(preparer, officer)
    with pytest.raises(PermissionDenied):
        withdraw_table(actor=preparer, edition=old, table_name=STRANDS, note="Disclosive")
    with pytest.raises(ValidationError):
        withdraw_table(actor=officer, edition=old, table_name=STRANDS, note=" ")
    with pytest.raises(ValidationError):
        withdraw_table(actor=officer, edition=old, table_name="no-such-table", note="Disclosive")
    withdrawal = withdraw_table(actor=officer, edition=old, table_name=STRANDS, note="Disclosive")
    assert withdrawal.withdrawn_by == officer
    assert not TableWithdrawal.objects.exclude(pk=withdrawal.pk).exists()


def test_only_a_published_edition_has_tables_to_withdraw(preparer, officer):
    data.fixed_quarter()
    draft = actions.draft_edition(actor=preparer, quarter=Quarter.starting(2026, 2))
    with pytest.raises(ValidationError, match="published"):
        withdraw_table(actor=officer, edition=draft, table_name="hate-incidents-by-month", note="Disclosive")


def test_the_old_table_was_accepted_by_an_audit_that_let_suppressed_counts_be_zero():
    # The same table read as the older audit read it: each Disability value 0 to 7, which passed.
    # Under the published rule (zeros are published) the current auditor refuses it.
    from commonground.insights.edition_audit import published_source

    source = published_source(OLD_RULE_STRANDS)
    found = disclosure.audit(source.table, policy=source.policy)
    assert found.refused
    assert {(found.bound((i, 1)).lower, found.bound((i, 1)).upper) for i in range(6)} == {(1, 2)}
