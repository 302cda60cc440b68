"""Programme monitoring, under /staff/programme/: self-assessments and their moderation; action
plans and projects; training; the partnership forum and lessons; briefings."""

from django.urls import path

P = "staff/programme/"

app_name = "programme"

urlpatterns: list = []

# --- Self-assessments and moderation ---------------------------------------------------------------
from commonground.programme.views import assessments as _assessments  # noqa: E402

A = f"{P}assessments/"
urlpatterns += [
    path(A, _assessments.assessment_list, name="assessment-list"),
    path(f"{A}new/", _assessments.start, name="assessment-start"),
    path(f"{A}<int:assessment_id>/", _assessments.detail, name="assessment-detail"),
    path(
        f"{A}<int:assessment_id>/dimensions/<int:dimension_id>/",
        _assessments.dimension,
        name="assessment-dimension",
    ),
    path(f"{A}<int:assessment_id>/submit/", _assessments.submit, name="assessment-submit"),
    path(
        f"{A}<int:assessment_id>/dimensions/<int:dimension_id>/moderate/",
        _assessments.moderate,
        name="assessment-moderate",
    ),
    path(f"{A}evidence/<int:evidence_id>/", _assessments.evidence_file, name="assessment-evidence-file"),
    path(
        f"{A}evidence/<int:evidence_id>/remove/",
        _assessments.remove_evidence_item,
        name="assessment-evidence-remove",
    ),
]

# --- Action plans and projects -------------------------------------------------------------------------
urlpatterns += []

# --- Training ------------------------------------------------------------------------------------------
urlpatterns += []

# --- The partnership forum and lessons ------------------------------------------------------------------
urlpatterns += []

# --- Briefings --------------------------------------------------------------------------------------------
urlpatterns += []
