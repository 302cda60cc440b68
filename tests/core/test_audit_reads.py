"""Recording reads of personal data: one event per record page, one per list page naming exactly
the records on that page, nothing for an empty list, and the chain intact after them."""

import pytest

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.audit_reads import audited_page, record_list_view, record_read
from commonground.core.models import AuditAction, AuditEvent, User
from commonground.core.queries import audit_events
from commonground.core.roles import Role
from tests.factories import BOLTON, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)


def test_a_list_page_names_exactly_the_records_on_that_page_in_one_event(reader):
    people = [staff(Role.TRIAGE_OFFICER, BOLTON) for _ in range(5)]
    before = AuditEvent.objects.count()

    page = audited_page(
        scope_for(reader),
        User.objects.filter(pk__in=[p.pk for p in people]).order_by("pk"),
        page_number=2,
        per_page=2,
        list_name="Colleagues",
    )

    assert [p.pk for p in page] == [people[2].pk, people[3].pk]
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("sequence")
    assert (event.action, event.actor_id, event.object_type) == (
        AuditAction.LIST_VIEWED,
        reader.pk,
        "core.user",
    )
    assert event.object_repr == "Colleagues, page 2"
    assert event.changes == {"shown": [f"core.user:{people[2].pk}", f"core.user:{people[3].pk}"], "page": 2}
    assert audit.verify_chain() is None


def test_an_empty_list_reads_nobody_and_writes_no_event(reader):
    before = AuditEvent.objects.count()
    assert record_list_view(scope=scope_for(reader), records=[], list_name="Nobody") is None
    assert AuditEvent.objects.count() == before


def test_opening_a_record_names_it_its_subject_and_the_others_shown_beside_it(reader):
    colleague, other = staff(Role.TRIAGE_OFFICER, BOLTON), staff(Role.TRIAGE_OFFICER, BOLTON)

    event = record_read(scope=scope_for(reader), obj=colleague, subject=colleague, shown=[other])

    assert (event.action, event.object_type, event.object_id) == (
        AuditAction.VIEW,
        "core.user",
        str(colleague.pk),
    )
    assert event.subject_ref == f"core.user:{colleague.pk}"
    assert event.changes == {"shown": [f"core.user:{other.pk}"]}


def test_searching_the_trail_for_a_person_finds_the_lists_that_showed_them(reader):
    shown, not_shown = staff(Role.TRIAGE_OFFICER, BOLTON), staff(Role.TRIAGE_OFFICER, BOLTON)
    listed = record_list_view(scope=scope_for(reader), records=[shown], list_name="Colleagues")
    dpo = scope_for(staff(Role.DATA_PROTECTION_OFFICER, BOLTON))

    assert listed in audit_events(dpo, person=f"core.user:{shown.pk}")
    assert listed not in audit_events(dpo, person=f"core.user:{not_shown.pk}")
