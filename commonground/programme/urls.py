"""Programme monitoring, under /staff/programme/: self-assessments and their moderation; action
plans and projects; training; the partnership forum and lessons; briefings."""

from django.urls import path

from commonground.programme.views import assessment_views

P = "staff/programme/"

app_name = "programme"

urlpatterns: list = []

# --- Self-assessments and moderation ---------------------------------------------------------------
urlpatterns += []
# Reading: history, side by side, what moves a borough up
urlpatterns += [
    path(f"{P}assessments/side-by-side/", assessment_views.side_by_side, name="assessments-side-by-side"),
    path(f"{P}boroughs/<str:code>/history/", assessment_views.history, name="borough-assessment-history"),
    path(f"{P}boroughs/<str:code>/moving-up/", assessment_views.moving_up, name="borough-moving-up"),
]

# --- Action plans and projects -------------------------------------------------------------------------
urlpatterns += []

# --- Training ------------------------------------------------------------------------------------------
urlpatterns += []

# --- The partnership forum and lessons ------------------------------------------------------------------
urlpatterns += []

# --- Briefings --------------------------------------------------------------------------------------------
urlpatterns += []
