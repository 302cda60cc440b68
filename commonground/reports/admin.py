"""Admin for the report line's reference data and content: teams, routing rules, strands (system
administrators) and advice pages and scripts (programme managers). Changes are audited; teams and
routing rules are scoped to the administrator's areas and change through their actions."""

from django.contrib import admin

from commonground.core import administration, audit
from commonground.core.access import scope_for
from commonground.core.models import Area
from commonground.reports import queries
from commonground.reports.actions import content
from commonground.reports.actions.teams import (
    PARTNERSHIP_WIDE_FIELDS,
    delete_routing_rule,
    save_routing_rule,
    save_team,
)
from commonground.reports.models import AdviceScript, ContentPage, HostilityStrand, RoutingRule, Team


class AuditedAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return (
            False
            if not isinstance(obj, RoutingRule) and obj is not None
            else super().has_delete_permission(request, obj)
        )

    def save_model(self, request, obj, form, change):
        if isinstance(obj, ContentPage):
            obj.updated_by = request.user
        content.save_content(
            actor=request.user,
            obj=obj,
            save=lambda: super(AuditedAdmin, self).save_model(request, obj, form, change),
            changes=audit.form_changes(form),
            created=not change,
        )

    def delete_model(self, request, obj):
        content.delete_content(
            actor=request.user, obj=obj, delete=lambda: super(AuditedAdmin, self).delete_model(request, obj)
        )


class AdministeredAdmin(AuditedAdmin):
    """Teams and routing rules decide who sees which reports: each administrator sees and changes
    only those inside their areas, and those of teams they sit in are read-only to them."""

    def _scope(self, request):
        return scope_for(request.user)

    def _is_own(self, request, obj) -> bool:
        """Whether the record touches the administrator's own access (each subclass says how:
        a team they sit in, or a rule that sends reports to one). An abstract hook, not a stub."""
        raise NotImplementedError("each administered model says what makes a record the actor's own")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._is_own(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._is_own(request, obj)


@admin.register(Team)
class TeamAdmin(AdministeredAdmin):
    list_display = ["name", "agency", "requires_consent", "is_partnership_triage", "contact_email"]
    list_filter = ["agency"]
    filter_horizontal = ["members"]

    def get_queryset(self, request):
        teams = queries.teams_administered_by(self._scope(request))
        return super().get_queryset(request).filter(pk__in=teams.values("pk"))

    def _is_own(self, request, obj) -> bool:
        return obj is not None and obj.members.filter(pk=request.user.pk).exists()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self._scope(request).covers_combined_authority:
            readonly += sorted(PARTNERSHIP_WIDE_FIELDS)
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = administration.agencies_administered_by(self._scope(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members":
            staff = administration.staff_administered_by(self._scope(request))
            kwargs["queryset"] = staff.exclude(pk=request.user.pk)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        save_team(
            actor=request.user,
            team=obj,
            member_ids=[member.pk for member in form.cleaned_data["members"]],
            changes={name: form.cleaned_data.get(name) for name in form.changed_data},
        )

    def save_related(self, request, form, formsets, change):
        pass  # the action has set the members; there are no inlines


@admin.register(RoutingRule)
class RoutingRuleAdmin(AdministeredAdmin):
    list_display = ["kind", "borough", "team"]
    list_filter = ["kind", "borough"]

    def get_queryset(self, request):
        rules = queries.routing_rules_administered_by(self._scope(request))
        return super().get_queryset(request).filter(pk__in=rules.values("pk"))

    def _is_own(self, request, obj) -> bool:
        return obj is not None and obj.team.members.filter(pk=request.user.pk).exists()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = self._scope(request)
        if db_field.name == "team":
            kwargs["queryset"] = queries.teams_administered_by(scope).exclude(members=request.user)
        if db_field.name == "borough":
            kwargs["queryset"] = Area.objects.boroughs().filter(pk__in=scope.area_ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        save_routing_rule(
            actor=request.user,
            rule=obj,
            changes={name: form.cleaned_data.get(name) for name in form.changed_data},
        )

    def delete_model(self, request, obj):
        delete_routing_rule(actor=request.user, rule=obj)

    def delete_queryset(self, request, queryset):
        for rule in queryset:
            delete_routing_rule(actor=request.user, rule=rule)


@admin.register(HostilityStrand)
class HostilityStrandAdmin(AuditedAdmin):
    list_display = ["label", "code", "is_national", "order", "active_from", "active_until"]


@admin.register(AdviceScript)
class AdviceScriptAdmin(AuditedAdmin):
    list_display = ["title", "is_active", "order"]


@admin.register(ContentPage)
class ContentPageAdmin(AuditedAdmin):
    list_display = ["title", "slug", "language", "updated_at", "updated_by"]
    list_filter = ["language"]
    readonly_fields = ["updated_at", "updated_by"]
