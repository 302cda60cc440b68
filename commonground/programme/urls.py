"""Programme monitoring, under /staff/programme/: self-assessments and their moderation; action
plans and projects; training; the partnership forum and lessons; briefings."""

from django.urls import path  # noqa: F401  (each part below adds its pages)

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
urlpatterns += []
