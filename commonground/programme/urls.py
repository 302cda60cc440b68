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
from commonground.programme.views import training  # noqa: E402

T = f"{P}training/"
urlpatterns += [
    path(f"{T}sessions/", training.session_list, name="training-sessions"),
    path(f"{T}sessions/new/", training.new_session, name="training-new-session"),
    path(f"{T}sessions/<int:session_id>/", training.session, name="training-session"),
    path(
        f"{T}sessions/<int:session_id>/attendance/",
        training.record_attendance,
        name="training-record-attendance",
    ),
    path(f"{T}sessions/import/", training.import_file, name="training-import"),
    path(f"{T}mine/", training.my_record, name="training-my-record"),
    path(f"{T}people/<int:user_id>/", training.person_record, name="training-person"),
    path(f"{T}people/<int:user_id>/front-line/", training.front_line, name="training-front-line"),
    path(f"{T}certificates/<int:attendance_id>/", training.certificate, name="training-certificate"),
    path(f"{T}coverage/", training.coverage, name="training-coverage"),
]

# --- The partnership forum and lessons ------------------------------------------------------------------
urlpatterns += []

# --- Briefings --------------------------------------------------------------------------------------------
urlpatterns += []
