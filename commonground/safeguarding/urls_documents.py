"""URLs of the safeguarding documents: the panel pack and the subject access export."""

from django.urls import path

from commonground.safeguarding.views import documents

urlpatterns: list = [
    path("staff/safeguarding/panels/<int:meeting_id>/pack.pdf", documents.panel_pack, name="panel-pack"),
    path(
        "staff/safeguarding/panels/<int:meeting_id>/packs/<int:pack_id>.pdf",
        documents.prepared_panel_pack,
        name="prepared-panel-pack",
    ),
    path(
        "staff/safeguarding/referrals/<int:referral_id>/subject-access/",
        documents.subject_access,
        name="subject-access",
    ),
]
