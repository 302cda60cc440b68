"""Who sees what in programme monitoring, through the one scoping layer:

- a borough's self-assessments, plans and projects: those who follow the programme in that area
  (its programme lead, the combined authority's programme team and moderators);
- an action, milestone or forum action: also the person who owns it (it waits on their home);
- training: one's own record; an agency's records to that agency's training lead; sessions, which
  name no trainee, to all staff so they can find one;
- the forum: everyone who follows the programme (it is the whole partnership's);
- lessons: by readership (the whole partnership, or named agencies), and always their author;
- briefings: rules of their own (`briefing_audience.py`): the author, the audience while it is
  open, and after expiry the data protection officers.
One aggregate reaches past these rows on purpose: training coverage for those following the
programme is counted over the agencies serving their areas, as numbers only, never a name or a row
(queries/training_coverage.py; decision 0018)."""

from django.db.models import Q

from commonground.core import access
from commonground.core.access import Scope, ScopeRule
from commonground.core.roles import Permission
from commonground.programme import briefing_audience, models


def _in_programme_areas(area_path: str, *, owner_path: str | None = None):
    """Rows in the scope's areas for those following the programme; and, if the row has an owner,
    the owner's own rows whatever their permissions."""

    def rows_in_scope(scope: Scope, rows):
        condition = Q(pk__in=[])
        if scope.can(Permission.VIEW_PROGRAMME):
            condition |= Q(**{f"{area_path}__in": scope.area_ids})
        if owner_path is not None:
            condition |= Q(**{owner_path: scope.user.pk})
        return rows.filter(condition)

    return rows_in_scope


def _following_the_programme(owner_path: str | None = None):
    def rows_in_scope(scope: Scope, rows):
        if scope.can(Permission.VIEW_PROGRAMME):
            return rows
        if owner_path is None:
            return rows.none()
        return rows.filter(**{owner_path: scope.user.pk})

    return rows_in_scope


def _own_or_agency_training(person_path: str):
    """One's own rows; an agency's training lead also sees the agency's people."""

    def rows_in_scope(scope: Scope, rows):
        condition = Q(**{person_path: scope.user.pk})
        if scope.can(Permission.LEAD_AGENCY_TRAINING) and scope.user.agency_id is not None:
            condition |= Q(**{f"{person_path}__agency_id": scope.user.agency_id})
        return rows.filter(condition)

    return rows_in_scope


def _every_row(scope: Scope, rows):
    return rows


def _lessons_for_reader(scope: Scope, rows):
    condition = Q(readership=models.Readership.PARTNERSHIP) | Q(created_by=scope.user.pk)
    if scope.user.agency_id is not None:
        condition |= Q(readership=models.Readership.NAMED_AGENCIES, reader_agencies=scope.user.agency_id)
    # A lesson read by two named agencies would come twice through the join.
    return rows.filter(pk__in=rows.model._default_manager.filter(condition).values("pk"))


def _through_briefing(path: str):
    def rows_in_scope(scope: Scope, rows):
        return rows.filter(**{f"{path}__in": briefing_audience.openable(scope).values("pk")})

    return rows_in_scope


def _register(model, view_permission, rows_in_scope, *, personal=True):
    access.register(
        model,
        ScopeRule(view_permission=view_permission, custom_filter=rows_in_scope, holds_personal_data=personal),
    )


STAFF = Permission.USE_STAFF_AREA

# Self-assessments: a borough's, about how well the partnership works there (no person at risk).
_register(models.BoroughAssessment, Permission.VIEW_PROGRAMME, _in_programme_areas("borough"), personal=False)
_register(models.DimensionScore, Permission.VIEW_PROGRAMME, _in_programme_areas("assessment__borough"))
_register(
    models.AssessmentEvidence, Permission.VIEW_PROGRAMME, _in_programme_areas("score__assessment__borough")
)
_register(models.NextStep, Permission.VIEW_PROGRAMME, _in_programme_areas("score__assessment__borough"))
_register(models.Moderation, Permission.VIEW_PROGRAMME, _in_programme_areas("score__assessment__borough"))

# Plans and projects: the area's followers, and whoever owns an action or milestone.
_register(models.ActionPlan, Permission.VIEW_PROGRAMME, _in_programme_areas("area"), personal=False)
_register(models.Objective, Permission.VIEW_PROGRAMME, _in_programme_areas("plan__area"), personal=False)
_register(models.PlanAction, STAFF, _in_programme_areas("objective__plan__area", owner_path="owner_person"))
_register(
    models.Project,
    STAFF,
    _in_programme_areas("objective__plan__area", owner_path="lead_person"),
)
_register(
    models.ProjectStatusUpdate,
    Permission.VIEW_PROGRAMME,
    _in_programme_areas("project__objective__plan__area"),
)
_register(
    models.Milestone,
    STAFF,
    _in_programme_areas("project__objective__plan__area", owner_path="owner_person"),
)
_register(
    models.QuarterBudget,
    Permission.VIEW_PROGRAMME,
    _in_programme_areas("project__objective__plan__area"),
    personal=False,
)
_register(
    models.ProjectRisk, Permission.VIEW_PROGRAMME, _in_programme_areas("project__objective__plan__area")
)
_register(
    models.ProjectEvaluation, Permission.VIEW_PROGRAMME, _in_programme_areas("project__objective__plan__area")
)

# Training: a person's own record, and their agency's training lead.
_register(models.TrainingSession, STAFF, _every_row, personal=False)
_register(models.Attendance, STAFF, _own_or_agency_training("person"))
_register(models.FrontLineStaff, STAFF, _own_or_agency_training("person"))
_register(models.RefresherReminder, STAFF, _own_or_agency_training("person"))

# The forum is the whole partnership's; an action's owner sees it even without following.
_register(models.ForumMeeting, Permission.VIEW_PROGRAMME, _following_the_programme())
_register(models.ForumAttendee, Permission.VIEW_PROGRAMME, _following_the_programme())
_register(models.ForumAction, STAFF, _following_the_programme(owner_path="owner_person"))

_register(models.Lesson, STAFF, _lessons_for_reader)

_register(models.Briefing, STAFF, _through_briefing("pk"))
_register(models.BriefingAttachment, STAFF, _through_briefing("briefing"))
# Receipts and chases: the author's view of who has read; each reader their own receipt.
_register(
    models.BriefingReceipt,
    STAFF,
    lambda scope, rows: rows.filter(Q(briefing__author=scope.user.pk) | Q(reader=scope.user.pk)),
)
_register(
    models.BriefingChase,
    STAFF,
    lambda scope, rows: rows.filter(Q(briefing__author=scope.user.pk) | Q(person=scope.user.pk)),
)

access.declare_unscoped("programme.frameworkversion", "reference data: the self-assessment framework")
access.declare_unscoped("programme.dimension", "reference data: the self-assessment framework")
access.declare_unscoped("programme.leveldescriptor", "reference data: the self-assessment framework")
access.declare_unscoped("programme.course", "reference data: the partnership's training courses")
access.declare_unscoped("programme.lessontag", "the lessons library's tags; no personal data")
