"""A data protection officer answers a subject access and erasure request: records it, searches
every record type with a reason, chooses the person's records, exports them (JSON and PDF, third
parties marked, the disclosure logged), and erases what the rules allow, in one transaction."""

import json
from datetime import date

import pytest
from django.utils import timezone

from commonground.core.models import AuditAction, AuditEvent, Notification, NotificationKind
from commonground.core.roles import Role
from commonground.governance import notices, tasks
from commonground.governance.actions import erasure
from commonground.governance.models import ChosenRecord, Disclosure, LegalHold, SubjectAccessRequest
from commonground.reports.models import HelplineCall, Report
from commonground.safeguarding.models import Referral
from tests.factories import BOLTON, OLDHAM, staff
from tests.governance.builders import amina

pytestmark = pytest.mark.django_db

LIST = "/staff/subject-access/"


@pytest.fixture
def dpo():
    # Serving another borough: the search reads past every scope, partnership-wide.
    return staff(Role.DATA_PROTECTION_OFFICER, OLDHAM, first_name="Dana", last_name="Price")


@pytest.fixture
def person():
    return amina()


def new_request(client, **overrides) -> SubjectAccessRequest:
    data = {"subject_name": "Amina Begum", "contact": "amina.begum@example.org", "received_on": "4/11/2026"}
    response = client.post(f"{LIST}new/", data | overrides)
    assert response.status_code == 302, response.content.decode()
    return SubjectAccessRequest.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])


def search(client, sar, **criteria):
    return client.post(f"{LIST}{sar.pk}/search/", {"reason": f"Subject access request {sar.pk}"} | criteria)


def refs(person) -> dict[str, str]:
    return {
        "report": f"reports.report:{person.report.pk}",
        "call": f"reports.helplinecall:{person.call.pk}",
        "referral": f"safeguarding.referral:{person.referral.pk}",
        "other": f"reports.report:{person.other_report.pk}",
    }


def test_a_request_is_recorded_with_its_deadline_one_month_from_arrival(sign_in, dpo):
    client = sign_in(dpo)
    sar = new_request(client, received_on="31/1/2026")

    assert sar.due_on == date(2026, 2, 28)
    page = client.get(f"{LIST}{sar.pk}/").content.decode()
    assert "28 February 2026" in page
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="governance.subjectaccessrequest"
    ).exists()


def test_a_request_without_a_name_or_date_is_refused_with_what_was_typed_kept(sign_in, dpo):
    response = sign_in(dpo).post(
        f"{LIST}new/", {"subject_name": "", "contact": "by post", "received_on": "31/2/2026"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the name the person gave" in page
    assert "Enter the day the request arrived as a date" in page
    assert 'value="by post"' in page
    assert not SubjectAccessRequest.objects.exists()


def test_one_search_finds_the_report_the_call_and_the_referral_as_one_person(sign_in, dpo, person):
    client = sign_in(dpo)
    sar = new_request(client)

    response = search(client, sar, name="Amina Begum")

    page = response.content.decode()
    ids = refs(person)
    for key in ("report", "call", "referral"):
        assert f'value="{ids[key]}"' in page
    assert f'value="{ids["other"]}"' not in page
    assert "3 records found, as 1 person" in page
    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="subject access search")
    assert set(event.changes["shown"]) == {ids["report"], ids["call"], ids["referral"]}
    assert event.reason == f"Subject access request {sar.pk}"
    assert event.outside_normal_scope


@pytest.mark.parametrize(
    ("criteria", "found"),
    [
        ({"email": "AMINA.BEGUM@example.org "}, {"report"}),
        ({"phone": "+44 7700 900123"}, {"report"}),
        ({"date_of_birth": "4/3/1990"}, {"referral"}),
        ({"name": "Begum Aminah"}, {"report", "call", "referral"}),
    ],
)
def test_the_search_finds_by_email_phone_date_of_birth_and_a_misspelt_name(
    sign_in, dpo, person, criteria, found
):
    client = sign_in(dpo)
    sar = new_request(client)

    page = search(client, sar, **criteria).content.decode()

    ids = refs(person)
    shown = {key for key, ref in ids.items() if f'value="{ref}"' in page}
    assert shown == found


def test_the_search_finds_by_reference(sign_in, dpo, person):
    client = sign_in(dpo)
    sar = new_request(client)

    page = search(client, sar, reference=person.report.reference.lower()).content.decode()

    assert f'value="{refs(person)["report"]}"' in page


def test_a_search_without_a_reason_is_refused_and_reads_nothing(sign_in, dpo, person):
    client = sign_in(dpo)
    sar = new_request(client)

    page = client.post(f"{LIST}{sar.pk}/search/", {"name": "Amina Begum", "reason": " "}).content.decode()

    assert "Give the reason for this search" in page
    assert 'value="Amina Begum"' in page
    assert refs(person)["report"] not in page
    assert not AuditEvent.objects.filter(object_type="subject access search").exists()


def test_a_search_for_nothing_asks_for_something_to_search_by(sign_in, dpo):
    client = sign_in(dpo)
    sar = new_request(client)

    page = client.post(f"{LIST}{sar.pk}/search/", {"name": "", "reason": "SAR"}).content.decode()

    assert "Enter a name, date of birth, email address, phone number or reference" in page


def test_other_staff_cannot_open_the_search(sign_in, dpo, person):
    sar = new_request(sign_in(dpo))
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)

    client = sign_in(coordinator)
    assert client.get(f"{LIST}{sar.pk}/search/").status_code == 404
    assert client.post(f"{LIST}{sar.pk}/search/", {"name": "Amina Begum", "reason": "x"}).status_code == 404


def choose_all(client, sar, person) -> None:
    ids = refs(person)
    response = client.post(f"{LIST}{sar.pk}/choose/", {"refs": [ids["report"], ids["call"], ids["referral"]]})
    assert response.status_code == 302


def test_the_chosen_records_are_exported_in_one_file_with_third_parties_marked_and_the_disclosure_logged(
    sign_in, dpo, person
):
    client = sign_in(dpo)
    sar = new_request(client)
    choose_all(client, sar, person)

    response = client.post(f"{LIST}{sar.pk}/export/", {"reason": "Answering the request", "format": "json"})

    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert {record["record"] for record in data["records"]} == set(refs(person).values()) - {
        refs(person)["other"]
    }
    by_source = {record["source"]: record for record in data["records"]}
    report = by_source["Report to the report line"]
    assert report["report"]["contact_email"] == "Amina.Begum@example.org"
    referral = by_source["Safeguarding referral"]
    assert referral["referral"]["referrer_name"]["review"] == "third party — check before disclosure"
    call = by_source["Helpline call"]
    assert "Joe Bloggs" in call["call"]["notes"]
    assert call["call"]["advisor"]["review"] == "third party — check before disclosure"
    disclosure = Disclosure.objects.get(request=sar)
    assert set(disclosure.refs) == set(refs(person).values()) - {refs(person)["other"]}
    assert disclosure.reason == "Answering the request"
    exported = AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=dpo)
    assert {event.subject_ref for event in exported} == set(disclosure.refs)
    page = client.get(f"{LIST}{sar.pk}/").content.decode()
    assert "Answering the request" in page


def test_the_export_as_a_readable_pdf(sign_in, dpo, person):
    client = sign_in(dpo)
    sar = new_request(client)
    choose_all(client, sar, person)

    response = client.post(f"{LIST}{sar.pk}/export/", {"reason": "Answering the request", "format": "pdf"})

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert Disclosure.objects.get(request=sar).document == "pdf"


def test_an_export_without_a_reason_discloses_nothing(sign_in, dpo, person):
    client = sign_in(dpo)
    sar = new_request(client)
    choose_all(client, sar, person)

    page = client.post(f"{LIST}{sar.pk}/export/", {"reason": "", "format": "json"}).content.decode()

    assert "Give the reason for this disclosure" in page
    assert not Disclosure.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_erasure_erases_what_the_rules_allow_keeps_the_open_case_with_its_reason_and_keeps_the_counts(
    sign_in, dpo, person
):
    client = sign_in(dpo)
    sar = new_request(client)
    choose_all(client, sar, person)
    reports_before, calls_before, referrals_before = (
        Report.objects.count(),
        HelplineCall.objects.count(),
        Referral.objects.count(),
    )

    response = client.post(
        f"{LIST}{sar.pk}/erase/", {"what": "erase", "reason": "The person asked for erasure"}
    )

    page = response.content.decode()
    assert "An open safeguarding case" in page
    report = Report.objects.get(pk=person.report.pk)
    assert (report.contact_name, report.contact_email, report.search_name, report.search_email) == (
        "",
        "",
        "",
        "",
    )
    assert report.erased_at is not None
    assert HelplineCall.objects.get(pk=person.call.pk).notes == ""
    referral = Referral.objects.get(pk=person.referral.pk)
    assert referral.first_name == "Aminah"
    outcomes = dict(ChosenRecord.objects.filter(request=sar).values_list("ref", "outcome"))
    assert outcomes[refs(person)["referral"]] == ChosenRecord.Outcome.KEPT
    assert outcomes[refs(person)["report"]] == ChosenRecord.Outcome.ERASED
    assert (Report.objects.count(), HelplineCall.objects.count(), Referral.objects.count()) == (
        reports_before,
        calls_before,
        referrals_before,
    )
    # Found no more by the details erased.
    page = search(client, sar, email="amina.begum@example.org").content.decode()
    assert refs(person)["report"] not in page


def test_a_record_under_legal_hold_is_kept_with_the_reason(sign_in, dpo, person):
    client = sign_in(dpo)
    sar = new_request(client)
    choose_all(client, sar, person)
    response = client.post(
        "/staff/legal-holds/", {"ref": refs(person)["report"], "reason": "Civil claim 2026/77"}
    )
    assert response.status_code == 302

    page = client.post(f"{LIST}{sar.pk}/erase/", {"what": "erase", "reason": "Asked"}).content.decode()

    assert "Under a legal hold: Civil claim 2026/77" in page
    assert Report.objects.get(pk=person.report.pk).contact_name == "Amina Begum"
    assert HelplineCall.objects.get(pk=person.call.pk).notes == ""


def test_an_erasure_that_fails_half_way_changes_nothing(sign_in, dpo, person, monkeypatch):
    client = sign_in(dpo)
    sar = new_request(client)
    choose_all(client, sar, person)

    def fails(*args, **kwargs):
        raise RuntimeError("The database went away")

    # The call is erased after the report (records in order of source): the report's erasure must go too.
    monkeypatch.setattr(erasure, "erase_call", fails)
    client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        client.post(f"{LIST}{sar.pk}/erase/", {"what": "erase", "reason": "Asked"})

    assert Report.objects.get(pk=person.report.pk).contact_name == "Amina Begum"
    assert set(ChosenRecord.objects.filter(request=sar).values_list("outcome", flat=True)) == {"chosen"}
    assert not AuditEvent.objects.filter(action=AuditAction.ERASE).exists()


def test_an_erasure_without_a_reason_changes_nothing(sign_in, dpo, person):
    client = sign_in(dpo)
    sar = new_request(client)
    choose_all(client, sar, person)

    page = client.post(f"{LIST}{sar.pk}/erase/", {"what": "erase", "reason": ""}).content.decode()

    assert "Give the reason for the erasure or restriction" in page
    assert Report.objects.get(pk=person.report.pk).contact_name == "Amina Begum"


def test_restriction_keeps_the_records_and_holds_them(sign_in, dpo, person):
    client = sign_in(dpo)
    sar = new_request(client)
    choose_all(client, sar, person)

    client.post(f"{LIST}{sar.pk}/erase/", {"what": "restrict", "reason": "Accuracy contested"})

    assert Report.objects.get(pk=person.report.pk).contact_name == "Amina Begum"
    assert LegalHold.objects.filter(ref=refs(person)["report"], lifted_at__isnull=True).exists()
    assert set(ChosenRecord.objects.filter(request=sar).values_list("outcome", flat=True)) == {"restricted"}


def test_the_deadline_is_extended_by_up_to_two_months_with_a_reason(sign_in, dpo, time_machine):
    time_machine.move_to("2026-11-20 09:00:00+00:00", tick=False)
    client = sign_in(dpo)
    sar = new_request(client, received_on="4/11/2026")

    refused = client.post(f"{LIST}{sar.pk}/extend/", {"months": "2", "reason": ""}).content.decode()
    assert "Give the reason for the extension" in refused
    client.post(f"{LIST}{sar.pk}/extend/", {"months": "2", "reason": "Records held by four services"})

    sar.refresh_from_db()
    assert sar.due_on == date(2027, 2, 4)
    assert sar.extension_reason == "Records held by four services"


def test_an_extension_after_the_first_month_is_refused(sign_in, dpo, time_machine):
    time_machine.move_to("2026-12-10 09:00:00+00:00", tick=False)
    client = sign_in(dpo)
    sar = new_request(client, received_on="4/11/2026")

    page = client.post(f"{LIST}{sar.pk}/extend/", {"months": "1", "reason": "Complex"}).content.decode()

    assert "An extension must be made within a month of receiving the request" in page
    sar.refresh_from_db()
    assert sar.due_on == date(2026, 12, 4)


def test_officers_are_told_once_when_a_request_nears_its_deadline(sign_in, dpo, time_machine):
    time_machine.move_to("2026-11-28 09:00:00+00:00", tick=False)
    sar = new_request(sign_in(dpo), received_on="4/11/2026")

    assert notices.subject_access_due_sweep(timezone.now()) == 1
    assert notices.subject_access_due_sweep(timezone.now()) == 0
    notice = Notification.objects.get(recipient=dpo, kind=NotificationKind.SUBJECT_ACCESS_DUE)
    assert str(sar.pk) in notice.subject
    assert "Amina" not in notice.subject


def test_requests_closed_more_than_two_years_ago_are_deleted_with_their_log(
    sign_in, dpo, person, time_machine
):
    time_machine.move_to("2026-11-20 09:00:00+00:00", tick=False)
    client = sign_in(dpo)
    old, recent = new_request(client), new_request(client, subject_name="Someone Else")
    choose_all(client, old, person)
    client.post(f"{LIST}{old.pk}/export/", {"reason": "Answering the request", "format": "json"})
    client.post(f"{LIST}{old.pk}/close/", {"step": "answer"})
    assert SubjectAccessRequest.objects.get(pk=old.pk).status == "answered"

    time_machine.move_to("2028-11-25 09:00:00+00:00", tick=False)
    assert tasks.apply_retention.call() == 1

    assert list(SubjectAccessRequest.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Disclosure.objects.exists()
    assert not ChosenRecord.objects.exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_type="governance.subjectaccessrequest"
    ).exists()


def test_a_closed_request_cannot_be_closed_again(sign_in, dpo):
    client = sign_in(dpo)
    sar = new_request(client)
    client.post(f"{LIST}{sar.pk}/close/", {"step": "withdraw"})

    page = client.post(f"{LIST}{sar.pk}/close/", {"step": "answer"}).content.decode()

    assert "This request is already withdrawn" in page
    assert SubjectAccessRequest.objects.get(pk=sar.pk).status == "withdrawn"


def test_a_record_chosen_by_mistake_is_taken_off_the_request_until_something_has_been_done_to_it(
    sign_in, dpo, person
):
    client = sign_in(dpo)
    sar = new_request(client)
    choose_all(client, sar, person)
    call = sar.records.get(ref=refs(person)["call"])
    page = client.get(f"{LIST}{sar.pk}/").content.decode()
    assert f"{LIST}{sar.pk}/records/{call.pk}/remove/" in page

    response = client.post(f"{LIST}{sar.pk}/records/{call.pk}/remove/")

    assert response.status_code == 302
    assert not sar.records.filter(pk=call.pk).exists()
    event = AuditEvent.objects.filter(object_type="governance.subjectaccessrequest").latest("sequence")
    assert event.changes == {"record_removed": refs(person)["call"]}

    # Once erased (or kept with a reason), a record stays on the request: it is the answer's record.
    client.post(f"{LIST}{sar.pk}/erase/", {"what": "erase", "reason": "The person asked for erasure"})
    erased = sar.records.get(ref=refs(person)["report"])
    assert erased.outcome == ChosenRecord.Outcome.ERASED
    refused = client.post(f"{LIST}{sar.pk}/records/{erased.pk}/remove/", follow=True).content.decode()
    assert "That record is not on this request, or has been erased already" in refused
    assert sar.records.filter(pk=erased.pk).exists()


def test_other_staff_cannot_take_a_record_off_a_request(sign_in, dpo, person):
    client = sign_in(dpo)
    sar = new_request(client)
    choose_all(client, sar, person)
    record = sar.records.first()
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)

    assert sign_in(coordinator).post(f"{LIST}{sar.pk}/records/{record.pk}/remove/").status_code == 404
    assert sar.records.filter(pk=record.pk).exists()
