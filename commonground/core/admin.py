"""The Django admin: the system administrator's tool for agencies, staff, roles and tokens.
Changes go through the same actions (and audit) as everywhere else; nobody edits their own access."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core import access, audit
from commonground.core.access import scope_for
from commonground.core.actions.api_tokens import revoke_api_token
from commonground.core.models import Agency, ApiToken, Area, AuditAction, User
from commonground.core.roles import Permission

admin.site.site_header = "Common Ground administration"
admin.site.site_title = "Common Ground administration"
admin.site.index_title = "Agencies, staff, roles and API tokens"


def _sign_in_instead(request, extra_context=None):
    # One sign-in page (with lockout and the second factor) for the whole service.
    return redirect_to_login(request.get_full_path(), reverse("core:sign-in"))


admin.site.login = _sign_in_instead


class ScopedAdminMixin:
    """Admin pages need the permission, and lists reuse the scoping layer."""

    admin_permission = Permission.MANAGE_USERS

    def has_module_permission(self, request):
        return request.user.is_active and scope_for(request.user).can(self.admin_permission)

    has_view_permission = has_change_permission = has_add_permission = lambda self, request, obj=None: (
        self.has_module_permission(request)
    )

    def has_delete_permission(self, request, obj=None):
        return False  # records are switched off, never deleted


def _audit_admin_change(request, obj, form, change: bool) -> None:
    audit.record(
        actor=request.user,
        action=AuditAction.UPDATE if change else AuditAction.CREATE,
        obj=obj,
        subject=obj if isinstance(obj, User) else None,
        changes=audit.form_changes(form),
    )


@admin.register(Agency)
class AgencyAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    filter_horizontal = ["areas"]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _audit_admin_change(request, obj, form, change)


@admin.register(User)
class StaffAdmin(ScopedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "agency", "is_active"]
    list_filter = ["agency", "groups", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "phone", "job_title")}),
        ("Access", {"fields": ("agency", "groups", "additional_areas", "is_active")}),
        ("Record", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "job_title")}),
        ("Access", {"fields": ("agency",)}),
    )
    filter_horizontal = ["groups", "additional_areas"]
    readonly_fields = ["last_login", "date_joined"]
    # Fields that decide what someone may see or do.
    ACCESS_FIELDS = (
        "agency",
        "groups",
        "additional_areas",
        "is_active",
        "is_staff",
        "is_superuser",
        "user_permissions",
    )

    def get_queryset(self, request):
        return access.visible(scope_for(request.user), super().get_queryset(request))

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += [f for f in self.ACCESS_FIELDS if f not in fields]
        return fields

    def save_model(self, request, obj, form, change):
        if change and obj.pk == request.user.pk and set(form.changed_data) & set(self.ACCESS_FIELDS):
            raise PermissionDenied("You cannot change your own roles or scope.")
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            _audit_admin_change(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        if change and obj.pk == request.user.pk and set(form.changed_data) & set(self.ACCESS_FIELDS):
            raise PermissionDenied("You cannot change your own roles or scope.")
        before_groups = set(obj.groups.values_list("name", flat=True)) if change else set()
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            after_groups = set(obj.groups.values_list("name", flat=True))
            if before_groups != after_groups:
                audit.record(
                    actor=request.user,
                    action=AuditAction.UPDATE,
                    obj=obj,
                    subject=obj,
                    changes={"roles": [sorted(before_groups), sorted(after_groups)]},
                )


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdminMixin, admin.ModelAdmin):
    admin_permission = Permission.MANAGE_API_TOKENS
    list_display = [
        "name",
        "agency",
        "key_prefix",
        "scopes",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    list_filter = ["agency"]
    readonly_fields = [
        "agency",
        "name",
        "key_prefix",
        "scopes",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
        "revoked_by",
        "last_used_at",
    ]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # issued with `manage.py api_token issue`, which shows the key once

    def get_queryset(self, request):
        return access.visible(scope_for(request.user), super().get_queryset(request))

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            revoke_api_token(actor=request.user, token=token, reason="Revoked in the admin")
        messages.success(request, f"Revoked {queryset.count()} token(s).")


@admin.register(Area)
class AreaAdmin(ScopedAdminMixin, admin.ModelAdmin):
    admin_permission = Permission.MANAGE_REFERENCE_DATA
    list_display = ["name", "code", "level", "parent", "population"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    exclude = ["boundary"]

    def has_change_permission(self, request, obj=None):
        return False  # loaded from files with `manage.py load_places`

    has_add_permission = has_change_permission


# django-otp's own admin shows each device's secret (config page and QR code), which would let an
# administrator copy someone's second factor. Ours lists devices and deletes them (to reset a lost
# phone), nothing more.
admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(
                actor=request.user,
                action=AuditAction.DELETE,
                obj=obj,
                subject=obj.user,
                reason="Two-factor authentication reset by an administrator",
            )
            super().delete_model(request, obj)
