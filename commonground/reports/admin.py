"""Admin for the report line's reference data and content: teams, routing rules, strands (system
administrators) and advice pages and scripts (programme managers). Changes are audited."""

from django.contrib import admin
from django.db import transaction

from commonground.core import audit
from commonground.core.models import AuditAction
from commonground.reports.models import AdviceScript, ContentPage, HostilityStrand, RoutingRule, Team


class AuditedAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return (
            False
            if not isinstance(obj, RoutingRule) and obj is not None
            else super().has_delete_permission(request, obj)
        )

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if isinstance(obj, ContentPage):
                obj.updated_by = request.user
            super().save_model(request, obj, form, change)
            audit.record(
                actor=request.user,
                action=AuditAction.UPDATE if change else AuditAction.CREATE,
                obj=obj,
                changes={name: str(form.cleaned_data.get(name))[:200] for name in form.changed_data},
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(actor=request.user, action=AuditAction.DELETE, obj=obj)
            super().delete_model(request, obj)


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ["name", "agency", "requires_consent", "is_partnership_triage", "contact_email"]
    list_filter = ["agency"]
    filter_horizontal = ["members"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedAdmin):
    list_display = ["kind", "borough", "team"]
    list_filter = ["kind", "borough"]


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
