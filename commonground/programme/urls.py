"""Programme monitoring, under /staff/programme/: self-assessments and their moderation; action
plans and projects; training; the partnership forum and lessons; briefings."""

from django.urls import path

P = "staff/programme/"

app_name = "programme"

urlpatterns: list = []

# --- Self-assessments and moderation ---------------------------------------------------------------
urlpatterns += []

# --- Action plans and projects -------------------------------------------------------------------------
urlpatterns += []

# --- Training ------------------------------------------------------------------------------------------
urlpatterns += []

# --- The partnership forum and lessons ------------------------------------------------------------------
urlpatterns += []

# --- Briefings --------------------------------------------------------------------------------------------
from commonground.programme.views import briefings  # noqa: E402

urlpatterns += [
    path(f"{P}briefings/", briefings.briefing_list, name="briefing-list"),
    path(f"{P}briefings/new/", briefings.write_briefing, name="briefing-write"),
    path(f"{P}briefings/<int:briefing_id>/", briefings.briefing, name="briefing-detail"),
    path(f"{P}briefings/<int:briefing_id>/send/", briefings.send_briefing, name="briefing-send"),
    path(
        f"{P}briefings/<int:briefing_id>/attachments/<int:attachment_id>/",
        briefings.attachment,
        name="briefing-attachment",
    ),
    path(f"{P}briefings/<int:briefing_id>/receipts/", briefings.receipts, name="briefing-receipts"),
    path(f"{P}briefings/<int:briefing_id>/chase/", briefings.chase, name="briefing-chase"),
]
