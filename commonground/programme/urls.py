"""Programme monitoring, under /staff/programme/: self-assessments and their moderation; action
plans and projects; training; the partnership forum and lessons; briefings."""

from django.urls import path

from commonground.programme.views import (
    assessment_views,
    briefings,
    forum,
    lessons,
    plans,
    projects,
    training,
)
from commonground.programme.views import (
    assessments as _assessments,
)

P = "staff/programme/"

app_name = "programme"

urlpatterns: list = []

# --- Self-assessments and moderation ---------------------------------------------------------------
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
# Reading: history, side by side, what moves a borough up
urlpatterns += [
    path(f"{P}assessments/side-by-side/", assessment_views.side_by_side, name="assessments-side-by-side"),
    path(f"{P}boroughs/<str:code>/history/", assessment_views.history, name="borough-assessment-history"),
    path(f"{P}boroughs/<str:code>/moving-up/", assessment_views.moving_up, name="borough-moving-up"),
]

# --- Action plans and projects -------------------------------------------------------------------------
urlpatterns += [
    path(f"{P}plans/", plans.plan_list, name="plan-list"),
    path(f"{P}plans/new/", plans.new_plan, name="plan-new"),
    path(f"{P}plans/<int:plan_id>/", plans.plan, name="plan"),
    path(f"{P}plans/<int:plan_id>/edit/", plans.edit_plan, name="plan-edit"),
    path(f"{P}plans/<int:plan_id>/status/", plans.move_plan, name="plan-move"),
    path(f"{P}plans/<int:plan_id>/objectives/new/", plans.new_objective, name="plan-new-objective"),
    path(f"{P}plans/objectives/<int:objective_id>/actions/new/", plans.new_action, name="plan-new-action"),
    path(f"{P}plans/actions/<int:action_id>/", plans.action, name="plan-action"),
    path(f"{P}plans/actions/<int:action_id>/edit/", plans.edit_action, name="plan-edit-action"),
    path(f"{P}plans/actions/<int:action_id>/status/", plans.move_action, name="plan-move-action"),
    path(f"{P}plans/objectives/<int:objective_id>/projects/new/", projects.new_project, name="project-new"),
    path(f"{P}projects/<int:project_id>/", projects.project, name="project"),
    path(
        f"{P}projects/<int:project_id>/milestones/new/", projects.new_milestone, name="project-new-milestone"
    ),
    path(f"{P}projects/milestones/<int:milestone_id>/", projects.milestone, name="project-milestone"),
    path(
        f"{P}projects/milestones/<int:milestone_id>/done/",
        projects.milestone_done,
        name="project-milestone-done",
    ),
    path(f"{P}projects/<int:project_id>/budget/", projects.record_quarter, name="project-budget"),
    path(f"{P}projects/<int:project_id>/status/new/", projects.new_status, name="project-new-status"),
    path(f"{P}projects/<int:project_id>/risks/new/", projects.new_risk, name="project-new-risk"),
    path(f"{P}projects/risks/<int:risk_id>/status/", projects.move_risk, name="project-move-risk"),
    path(
        f"{P}projects/<int:project_id>/evaluations/new/",
        projects.new_evaluation,
        name="project-new-evaluation",
    ),
    path(
        f"{P}projects/<int:project_id>/evaluations/<int:evaluation_id>/report/",
        projects.evaluation_report,
        name="project-evaluation-report",
    ),
]

# --- Training ------------------------------------------------------------------------------------------
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
