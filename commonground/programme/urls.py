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
from commonground.programme.views import forum, lessons  # noqa: E402  (this part's pages)

urlpatterns += [
    path(f"{P}forum/", forum.meeting_list, name="forum-meetings"),
    path(f"{P}forum/new/", forum.new_meeting, name="forum-new-meeting"),
    path(f"{P}forum/<int:meeting_id>/", forum.meeting, name="forum-meeting"),
    path(f"{P}forum/<int:meeting_id>/edit/", forum.edit_meeting, name="forum-edit-meeting"),
    path(f"{P}forum/<int:meeting_id>/attendees/new/", forum.add_attendee, name="forum-add-attendee"),
    path(f"{P}forum/<int:meeting_id>/actions/new/", forum.add_action, name="forum-add-action"),
    path(f"{P}forum/actions/<int:action_id>/", forum.action, name="forum-action"),
    path(f"{P}forum/actions/<int:action_id>/done/", forum.mark_done, name="forum-action-done"),
    path(f"{P}lessons/", lessons.lesson_list, name="lesson-list"),
    path(f"{P}lessons/new/", lessons.new_lesson, name="lesson-new"),
    path(f"{P}lessons/<int:lesson_id>/", lessons.lesson, name="lesson-detail"),
    path(f"{P}lessons/<int:lesson_id>/edit/", lessons.edit_lesson, name="lesson-edit"),
]

# --- Briefings --------------------------------------------------------------------------------------------
urlpatterns += []
