"""Briefings. Every member of staff has the list; authors (the programme manager, borough
programme leads) write, send, see read receipts and chase. A briefing sent to Bolton's
safeguarding coordinators (written by the matrix's programme manager) opens for its author and for
the coordinator, and is "not found" (404) to everyone else, the data protection officer included
while it is open; an expired one opens only for the data protection officer (its author is someone
else). Read receipts are the author's: 404 to another author. Sending and chasing are POST only."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, DPO, PROGRAMME, ROLES, only, staff_page

COORDINATOR = Role.SAFEGUARDING_COORDINATOR.value
BOROUGH_LEAD = Role.BOROUGH_PROGRAMME_LEAD.value
AUTHORS = (PROGRAMME, BOROUGH_LEAD)


def _opens_for(*allowed):
    return {ANON: 302, **{role: 200 if role in allowed else 404 for role in ROLES if role != ANON}}


EXPECTED = {
    "programme:briefing-list": [({}, staff_page(200))],
    "programme:briefing-write": [({}, only(*AUTHORS))],
    "programme:briefing-detail": [
        ({"briefing_id": "{sent_briefing}"}, _opens_for(PROGRAMME, COORDINATOR)),
        ({"briefing_id": "{expired_briefing}"}, _opens_for(DPO)),
        ({"briefing_id": "999999"}, _opens_for()),
    ],
    "programme:briefing-send": [({"briefing_id": "{sent_briefing}"}, only(*AUTHORS, ok=405))],
    "programme:briefing-attachment": [
        (
            {"briefing_id": "{sent_briefing}", "attachment_id": "{sent_briefing_attachment}"},
            _opens_for(PROGRAMME, COORDINATOR),
        ),
        (
            {"briefing_id": "{expired_briefing}", "attachment_id": "{sent_briefing_attachment}"},
            _opens_for(),
        ),
    ],
    "programme:briefing-receipts": [
        ({"briefing_id": "{sent_briefing}"}, {**only(*AUTHORS), BOROUGH_LEAD: 404}),
        ({"briefing_id": "{expired_briefing}"}, only(*AUTHORS, ok=404)),
    ],
    "programme:briefing-chase": [({"briefing_id": "{sent_briefing}"}, only(*AUTHORS, ok=405))],
}


def sample_values(agency):
    """A briefing from the matrix's programme manager to Bolton's safeguarding coordinators, with
    an attachment; and an expired one from someone else to the same audience."""
    from datetime import timedelta

    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from commonground.core.models import Area, User
    from commonground.programme.models import Briefing, BriefingAttachment, BriefingStatus
    from tests.factories import BOLTON, UserFactory

    now = timezone.now()
    coordinators = Group.objects.get(name=Role.SAFEGUARDING_COORDINATOR.group_name)
    bolton = Area.objects.get(code=BOLTON)
    manager = User.objects.filter(agency=agency, groups__name=Role.PROGRAMME_MANAGER.group_name).first()
    sent = Briefing.objects.create(
        title="Local risk profile",
        body="For the matrix.",
        marking="official_sensitive",
        status=BriefingStatus.SENT,
        sent_at=now,
        expires_at=now + timedelta(days=30),
        author=manager,
    )
    expired = Briefing.objects.create(
        title="Old alert",
        body="Closed.",
        status=BriefingStatus.SENT,
        created_at=now - timedelta(days=60),
        sent_at=now - timedelta(days=60),
        expires_at=now - timedelta(days=1),
        author=UserFactory(),
    )
    for briefing in (sent, expired):
        briefing.audience_roles.set([coordinators])
        briefing.audience_boroughs.set([bolton])
    attached = BriefingAttachment.objects.create(
        briefing=sent,
        file=ContentFile(b"%PDF-1.4 matrix", name="matrix.pdf"),
        original_name="profile.pdf",
        content_type="application/pdf",
        size=15,
    )
    return {"sent_briefing": sent.pk, "expired_briefing": expired.pk, "sent_briefing_attachment": attached.pk}
