"""Briefings as people use them: the programme manager writes one to Bolton's safeguarding
coordinators (a refused file named, nothing typed lost), sees who it reaches and sends it; a
Bolton coordinator finds it waiting, opens it (audited, a receipt kept) and downloads its file; a
coordinator of Oldham gets "not found"; the author sees who has read it and reminds who has not;
after expiry the audience gets "not found" and the author and the data protection officer see it
marked expired."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.programme.models import Briefing, BriefingChase, BriefingReceipt, BriefingStatus
from tests.conftest import signed_in
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff
from tests.programme.test_documents import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(sign_in):
    made = {
        "author": staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER),
        "reader": staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, first_name="Rita", last_name="Reader"),
        "slow": staff(Role.SAFEGUARDING_COORDINATOR, BOLTON, first_name="Sam", last_name="Slow"),
        "oldham": staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM),
        "dpo": staff(Role.DATA_PROTECTION_OFFICER, GREATER_MANCHESTER),
    }
    return {name: (user, sign_in(user)) for name, user in made.items()}


def form_data(**changes):
    from commonground.core.models import Area

    data = {
        "title": "Local risk profile",
        "body": "Leaflets near the market.",
        "marking": "official_sensitive",
        "roles": [str(Group.objects.get(name=Role.SAFEGUARDING_COORDINATOR.group_name).pk)],
        "boroughs": [str(Area.objects.get(code=BOLTON).pk)],
        "expires_on": (timezone.localdate() + timedelta(days=7)).strftime("%d/%m/%Y"),
    }
    data.update(changes)
    return data


def write_and_send(client) -> Briefing:
    attachment = SimpleUploadedFile("profile.pdf", pdf(), content_type="application/pdf")
    response = client.post(reverse("programme:briefing-write"), {**form_data(), "attachments": [attachment]})
    briefing = Briefing.objects.get()
    assert response.url == reverse("programme:briefing-detail", args=[briefing.pk])
    client.post(reverse("programme:briefing-send", args=[briefing.pk]))
    briefing.refresh_from_db()
    return briefing


def test_the_author_sees_who_it_reaches_before_sending(people):
    _, client = people["author"]
    client.post(reverse("programme:briefing-write"), form_data())
    briefing = Briefing.objects.get()
    page = client.get(reverse("programme:briefing-detail", args=[briefing.pk])).content.decode()
    assert "2 people are in the audience" in page
    assert "Rita Reader" in page and "Sam Slow" in page
    assert "Send the briefing" in page
    client.post(reverse("programme:briefing-send", args=[briefing.pk]))
    briefing.refresh_from_db()
    assert briefing.status == BriefingStatus.SENT


def test_no_audience_and_a_refused_file_keep_what_was_typed(people):
    _, client = people["author"]
    refused = SimpleUploadedFile("notes.pdf", b"MZ not a document", content_type="application/pdf")
    response = client.post(
        reverse("programme:briefing-write"),
        {**form_data(roles=[], boroughs=[], title="Kept title"), "attachments": [refused]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose who the briefing is for" in page
    assert "notes.pdf: The selected file must be" in page
    assert 'value="Kept title"' in page and "Leaflets near the market." in page
    assert not Briefing.objects.exists()


def test_an_expiry_in_the_past_is_refused_on_the_form(people):
    _, client = people["author"]
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    page = client.post(reverse("programme:briefing-write"), form_data(expires_on=yesterday)).content.decode()
    assert "must be today or in the future" in page
    assert not Briefing.objects.exists()


def test_a_bolton_coordinator_reads_it_and_an_oldham_one_finds_nothing(people):
    briefing = write_and_send(people["author"][1])
    reader, client = people["reader"]
    home = client.get(reverse("core:staff-home")).content.decode()
    assert "Briefings waiting for you" in home
    assert reverse("programme:briefing-detail", args=[briefing.pk]) in home
    page = client.get(reverse("programme:briefing-detail", args=[briefing.pk])).content.decode()
    assert "Leaflets near the market." in page and "OFFICIAL-SENSITIVE" in page
    assert "in the audience" not in page  # the audience is the author's to see
    assert AuditEvent.objects.filter(
        actor=reader, action=AuditAction.VIEW, object_type="programme.briefing", object_id=str(briefing.pk)
    ).exists()
    assert BriefingReceipt.objects.get(briefing=briefing).reader == reader
    home = client.get(reverse("core:staff-home")).content.decode()
    assert reverse("programme:briefing-detail", args=[briefing.pk]) not in home

    attachment = briefing.attachments.get()
    url = reverse("programme:briefing-attachment", args=[briefing.pk, attachment.pk])
    download = client.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(
        actor=reader, object_type="programme.briefingattachment", object_id=str(attachment.pk)
    ).exists()

    _, oldham = people["oldham"]
    assert oldham.get(reverse("programme:briefing-detail", args=[briefing.pk])).status_code == 404
    assert oldham.get(url).status_code == 404
    assert "Local risk profile" not in oldham.get(reverse("programme:briefing-list")).content.decode()


def test_the_author_sees_one_read_and_one_not_yet_and_chases(people):
    _, client = people["author"]
    briefing = write_and_send(client)
    people["reader"][1].get(reverse("programme:briefing-detail", args=[briefing.pk]))
    listing = client.get(reverse("programme:briefing-list")).content.decode()
    assert "Briefings you wrote" in listing
    page = client.get(reverse("programme:briefing-receipts", args=[briefing.pk])).content.decode()
    assert "1 read, 1 not yet." in page
    read, not_yet = page.split("Not read yet", 1)
    assert "Rita Reader" in read and "Sam Slow" in not_yet

    slow = people["slow"][0]
    response = client.post(reverse("programme:briefing-chase", args=[briefing.pk]), {"person": slow.pk})
    assert response.url == reverse("programme:briefing-receipts", args=[briefing.pk])
    assert BriefingChase.objects.get().person == slow

    reader = people["reader"][0]
    page = client.post(
        reverse("programme:briefing-chase", args=[briefing.pk]), {"person": reader.pk}, follow=True
    ).content.decode()
    assert "has already read it" in page
    assert BriefingChase.objects.count() == 1
    oldham = people["oldham"][0]
    response = client.post(reverse("programme:briefing-chase", args=[briefing.pk]), {"person": oldham.pk})
    assert response.status_code == 404


def test_receipts_are_the_authors_alone(people):
    briefing = write_and_send(people["author"][1])
    other_author = staff(Role.BOROUGH_PROGRAMME_LEAD, BOLTON)

    response = signed_in(other_author).get(reverse("programme:briefing-receipts", args=[briefing.pk]))
    assert response.status_code == 404


def test_after_expiry_only_the_author_and_the_data_protection_officer_open_it(people):
    briefing = write_and_send(people["author"][1])
    Briefing.objects.filter(pk=briefing.pk).update(
        created_at=timezone.now() - timedelta(days=2), expires_at=timezone.now() - timedelta(minutes=1)
    )
    url = reverse("programme:briefing-detail", args=[briefing.pk])
    assert people["reader"][1].get(url).status_code == 404
    for name in ("author", "dpo"):
        page = people[name][1].get(url).content.decode()
        assert "This briefing expired on" in page
    assert not BriefingReceipt.objects.filter(reader=people["dpo"][0]).exists()
    listing = people["dpo"][1].get(reverse("programme:briefing-list")).content.decode()
    assert "Expired briefings" in listing and url in listing
    assert (
        "Expired briefings"
        not in people["reader"][1].get(reverse("programme:briefing-list")).content.decode()
    )
    page = (
        people["author"][1].get(reverse("programme:briefing-receipts", args=[briefing.pk])).content.decode()
    )
    assert "This briefing expired on" in page
    assert reverse("programme:briefing-chase", args=[briefing.pk]) not in page  # nobody to remind now
