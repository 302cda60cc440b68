"""The Django admin: the system administrator's tool for agencies, staff, roles and tokens.
Changes go through the same actions (and audit) as everywhere else; nobody edits their own access."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core import access, administration
from commonground.core.access import scope_for
from commonground.core.actions.api_tokens import revoke_api_token
from commonground.core.actions.roles import (
    approve_role_grant,
    change_roles,
    decline_role_grant,
    set_additional_areas,
)
from commonground.core.actions.staff import (
    remove_authenticator,
    save_agency,
    save_staff_record,
    set_password_by_administrator,
)
from commonground.core.models import Agency, ApiToken, Area, RoleGrantRequest, User
from commonground.core.roles import Permission, Role

admin.site.site_header = "Common Ground administration"
admin.site.site_title = "Common Ground administration"
admin.site.index_title = "Agencies, staff, roles and API tokens"


def _sign_in_instead(request, extra_context=None):
    # One sign-in page (with lockout and the second factor) for the whole service.
    return redirect_to_login(request.get_full_path(), reverse("core:sign-in"))


admin.site.login = _sign_in_instead  # type: ignore[method-assign]  # replacing the site's sign-in view is the point


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


def _changes(form, *, leaving_out=()) -> dict:
    # Whatever was typed into a password box stays out of the trail (audit.record redacts by name too).
    return {
        name: form.cleaned_data.get(name)
        for name in form.changed_data
        if name not in leaving_out
        and "password" not in name
        and not isinstance(form.fields[name].widget, forms.PasswordInput)
    }


@admin.register(Agency)
class AgencyAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Agencies wholly inside the administrator's areas; their own agency is read-only to them,
    since its areas are their own scope."""

    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    filter_horizontal = ["areas"]

    def get_queryset(self, request):
        administered = administration.agencies_administered_by(scope_for(request.user))
        return super().get_queryset(request).filter(pk__in=administered.values("pk"))

    def has_change_permission(self, request, obj=None):
        own_agency = obj is not None and obj.pk == request.user.agency_id
        return super().has_change_permission(request, obj) and not own_agency

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "areas":
            kwargs["queryset"] = administration.areas_administered_by(scope_for(request.user))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        save_agency(
            actor=request.user,
            agency=obj,
            area_ids=[area.pk for area in form.cleaned_data["areas"]],
            changes=_changes(form),
        )

    def save_related(self, request, form, formsets, change):
        # The action has set the areas; there are no inlines.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


class StaffChangeForm(UserChangeForm):
    access_change_reason = forms.CharField(
        label="Reason for changing access",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when you change someone's additional areas; kept in the audit trail.",
    )

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if "additional_areas" in self.changed_data and not cleaned.get("access_change_reason", "").strip():
            self.add_error("access_change_reason", "Give a reason for changing someone's scope.")
        return cleaned


@admin.register(User)
class StaffAdmin(ScopedAdminMixin, DjangoUserAdmin):
    """Staff wholly inside the administrator's areas (`core.administration`). Roles and scope
    change through their actions: the powerful roles become requests a second administrator
    approves, and nobody changes their own access."""

    form = StaffChangeForm
    list_display = ["username", "first_name", "last_name", "agency", "is_active"]
    list_filter = ["agency", "groups", "is_active"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "phone", "job_title")}),
        ("Access", {"fields": ("agency", "groups", "additional_areas", "is_active", "access_change_reason")}),
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
        administered = administration.staff_administered_by(scope_for(request.user))
        return super().get_queryset(request).filter(pk__in=administered.values("pk"))

    def _is_self(self, request, obj) -> bool:
        return obj is not None and obj.pk == request.user.pk

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self._is_self(request, obj):
            fields += [f for f in self.ACCESS_FIELDS if f not in fields]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._is_self(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "access_change_reason"]})
            for name, options in fieldsets
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency":
            kwargs["queryset"] = administration.agencies_administered_by(scope_for(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "additional_areas":
            kwargs["queryset"] = administration.areas_administered_by(scope_for(request.user))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change and self._is_self(request, obj) and set(form.changed_data) & set(self.ACCESS_FIELDS):
            raise PermissionDenied("You cannot change your own roles or scope.")
        save_staff_record(
            actor=request.user,
            user=obj,
            changes=_changes(form, leaving_out=("groups", "additional_areas", "access_change_reason")),
        )

    def save_related(self, request, form, formsets, change):
        # Roles and additional areas go through their actions, never straight into the tables.
        user = form.instance
        reason = form.cleaned_data.get("access_change_reason", "")
        if "groups" in form.changed_data:
            named = (Role.from_group_name(g.name) for g in form.cleaned_data["groups"])
            roles = {role for role in named if role is not None}
            for grant in change_roles(actor=request.user, user=user, roles=roles, reason=reason):
                messages.warning(
                    request,
                    f"{grant.get_role_display()} for {user} waits for a second administrator's approval "
                    "(Role requests).",
                )
        if "additional_areas" in form.changed_data:
            area_ids = {area.pk for area in form.cleaned_data["additional_areas"]}
            set_additional_areas(actor=request.user, user=user, area_ids=area_ids, reason=reason)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def user_change_password(self, request, id, form_url=""):
        """Django's page, with the new password set by the audited action."""
        user = self.get_object(request, unquote(id))
        if request.method != "POST" or user is None or not self.has_change_permission(request, user):
            return super().user_change_password(request, id, form_url)
        form = self.change_password_form(user, request.POST)
        if not form.is_valid() or not (
            form.cleaned_data["set_usable_password"] or "unset-password" in request.POST
        ):
            return super().user_change_password(request, id, form_url)  # shows the errors
        password = form.cleaned_data["password1"] if form.cleaned_data["set_usable_password"] else None
        set_password_by_administrator(actor=request.user, user=user, password=password)
        messages.success(request, "Password changed." if password else "Password sign-in switched off.")
        if user.pk == request.user.pk:
            update_session_auth_hash(request, user)
        return HttpResponseRedirect(reverse("admin:core_user_change", args=(user.pk,)))


@admin.register(RoleGrantRequest)
class RoleGrantRequestAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Requests for the powerful roles, approved or declined by a second administrator."""

    list_display: tuple[str, ...] = (
        "user",
        "role",
        "requested_by",
        "requested_at",
        "status",
        "decided_by",
        "decided_at",
    )
    list_filter = ["status", "role"]
    fields = readonly_fields = (*list_display, "reason")
    actions = ["approve", "decline"]

    def get_queryset(self, request):
        administered = administration.staff_administered_by(scope_for(request.user))
        return super().get_queryset(request).filter(user__in=administered.values("pk"))

    def has_add_permission(self, request, obj=None):
        return False  # asked for by choosing the role on the person's record

    def has_change_permission(self, request, obj=None):
        return False

    def _decide(self, request, queryset, decide, done: str) -> None:
        for grant in queryset:
            try:
                decide(actor=request.user, grant=grant)
            except PermissionDenied as refusal:
                messages.error(request, f"{grant}: {refusal}")
            else:
                messages.success(request, f"{grant}: {done}.")

    @admin.action(description="Approve the selected requests (give the role)")
    def approve(self, request, queryset):
        self._decide(request, queryset, approve_role_grant, "approved, the role is given")

    @admin.action(description="Decline the selected requests")
    def decline(self, request, queryset):
        self._decide(request, queryset, decline_role_grant, "declined")


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

    def has_add_permission(self, request, obj=None):
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


# django-otp's own admin shows each device's secret (config page and QR code) and each recovery
# code, which would let an administrator copy someone's second factor. Ours lists authenticators and
# deletes them (to reset a lost phone, recovery codes included), nothing more.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username"]
    fields = readonly_fields = ("user", "name", "confirmed", "last_used_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        administered = administration.staff_administered_by(scope_for(request.user))
        return super().get_queryset(request).filter(user__in=administered.values("pk"))

    def delete_model(self, request, obj):
        remove_authenticator(actor=request.user, device=obj)

    def delete_queryset(self, request, queryset):
        for device in queryset:
            remove_authenticator(actor=request.user, device=device)
