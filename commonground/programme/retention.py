"""How long programme monitoring keeps what it holds about people (core/retention_schedule.py),
imported by ProgrammeConfig.ready(). Briefings and reminders are swept daily (actions/retention.py);
the partnership's record of its own work (plans, projects, assessments, the forum, lessons) names
staff and is reviewed after six years."""

from django.utils.translation import gettext_lazy as _

from commonground.core.retention_schedule import AtTheEnd, declare, follow_all, no_personal_data

SWEEP = "commonground.programme.tasks.apply_retention"
REVIEW = "commonground.core.retention_review.records_to_review"
WORK = _("The partnership's record of its own work, naming the staff who did it")

declare(
    "programme.Briefing",
    what=_("Briefings to staff, with their attachments, who read them and who was chased"),
    starts=_("from the day the briefing expired"),
    at_the_end=AtTheEnd.ERASE,
    setting="BRIEFING_RETENTION_DAYS",
    enforced_by=SWEEP,
)
follow_all(
    "programme.Briefing",
    ["programme.BriefingAttachment", "programme.BriefingReceipt", "programme.BriefingChase"],
    what=_("A briefing's attachments, read receipts and chases"),
    enforced_by=SWEEP,
)
declare(
    "programme.RefresherReminder",
    what=_("Reminders to staff that a training refresher is due"),
    starts=_("from the day the reminder was made"),
    at_the_end=AtTheEnd.ERASE,
    setting="REFRESHER_REMINDER_RETENTION_DAYS",
    enforced_by=SWEEP,
)
for label, date_field in (
    ("programme.BoroughAssessment", "created_at"),
    ("programme.ForumMeeting", "held_at"),
    ("programme.Lesson", "created_at"),
    ("programme.ActionPlan", "created_at"),
    ("programme.Project", "created_at"),
    ("programme.TrainingSession", "starts_at"),
):
    declare(
        label,
        what=WORK,
        starts=_("from the day it was made"),
        at_the_end=AtTheEnd.REVIEW,
        days=6 * 365,
        review_from=date_field,
        enforced_by=REVIEW,
    )
follow_all(
    "programme.BoroughAssessment",
    [
        "programme.DimensionScore",
        "programme.AssessmentEvidence",
        "programme.NextStep",
        "programme.Moderation",
    ],
    what=_("A self-assessment's scores, evidence, next steps and moderation"),
    enforced_by=REVIEW,
)
follow_all(
    "programme.ForumMeeting",
    ["programme.ForumAttendee", "programme.ForumAction"],
    what=_("Who attended a forum meeting, and its actions"),
    enforced_by=REVIEW,
)
follow_all(
    "programme.ActionPlan",
    ["programme.Objective", "programme.PlanAction"],
    what=_("An action plan's objectives and actions, and who owns them"),
    enforced_by=REVIEW,
)
follow_all(
    "programme.Project",
    [
        "programme.ProjectStatusUpdate",
        "programme.Milestone",
        "programme.QuarterBudget",
        "programme.ProjectRisk",
        "programme.ProjectEvaluation",
    ],
    what=_("A project's updates, milestones, budget, risks and evaluation"),
    enforced_by=REVIEW,
)
follow_all(
    "programme.TrainingSession",
    ["programme.Attendance"],
    what=_("Who was booked on, attended or completed a training session"),
    enforced_by=REVIEW,
)
declare(
    "programme.FrontlineStaff",
    what=_("Staff marked as front-line, whom Prevent training is expected to reach"),
    starts=_("kept as long as the staff account"),
    at_the_end=AtTheEnd.ERASE,
    follows="core.User",
    enforced_by=REVIEW,
)
no_personal_data(
    "Reference data: the frameworks, their levels, courses and lesson tags",
    "programme.FrameworkVersion",
    "programme.Dimension",
    "programme.LevelDescriptor",
    "programme.Course",
    "programme.LessonTag",
)
