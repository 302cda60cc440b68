"""Who sees what in programme monitoring. The capability's rules (a borough's assessments and plans
to its programme lead and the combined authority's moderators, an agency's training records to its
training lead, lessons by readership, briefings by audience) come with its queries, on the
partnership's policy for "who may". Until then every row is closed to everyone: nothing here can
be read through the scoping layer, so nothing leaks while the capability is being built."""

from commonground.core import access
from commonground.core.access import Scope, ScopeRule
from commonground.core.roles import Permission
from commonground.programme import models


def _closed_until_the_policy_lands(scope: Scope, rows):
    return rows.none()


_NOT_YET_OPEN = (
    models.BoroughAssessment,
    models.DimensionScore,
    models.AssessmentEvidence,
    models.NextStep,
    models.Moderation,
    models.ActionPlan,
    models.Objective,
    models.PlanAction,
    models.Project,
    models.ProjectStatusUpdate,
    models.Milestone,
    models.QuarterBudget,
    models.ProjectRisk,
    models.ProjectEvaluation,
    models.TrainingSession,
    models.Attendance,
    models.FrontLineStaff,
    models.RefresherReminder,
    models.ForumMeeting,
    models.ForumAttendee,
    models.ForumAction,
    models.Lesson,
    models.Briefing,
    models.BriefingAttachment,
    models.BriefingReceipt,
    models.BriefingChase,
)

for model in _NOT_YET_OPEN:
    access.register(
        model,
        ScopeRule(view_permission=Permission.USE_STAFF_AREA, custom_filter=_closed_until_the_policy_lands),
    )

access.declare_unscoped("programme.frameworkversion", "reference data: the self-assessment framework")
access.declare_unscoped("programme.dimension", "reference data: the self-assessment framework")
access.declare_unscoped("programme.leveldescriptor", "reference data: the self-assessment framework")
access.declare_unscoped("programme.course", "reference data: the partnership's training courses")
access.declare_unscoped("programme.lessontag", "the lessons library's tags; no personal data")
