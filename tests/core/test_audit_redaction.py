"""No password, secret, token or key ever reaches the audit trail: the rule at the audit layer,
and every form and action of the Django admin driven as a superuser would."""

import importlib
import json
from datetime import date
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from commonground.core import append_only, audit, tasks
from commonground.core.actions.api_tokens import issue_api_token
from commonground.core.audit_redaction import REDACTED, name_is_secret, redact, values_digest
from commonground.core.models import Agency, AuditAction, AuditEvent
from commonground.core.models.api_tokens import ApiScope
from commonground.core.roles import Role
from commonground.reports.models import Team
from tests.conftest import signed_in
from tests.factories import BOLTON, staff

pytestmark = pytest.mark.django_db

PLANTED = "Planted-Secret-q7Zx!v2Lm9"


def _trail_text() -> str:
    return json.dumps(list(AuditEvent.objects.values()), default=str)


# --- The rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["password", "password1", "password2", "new_password", "oldPassword", "api_key", "key",
     "client_secret", "clientSecret", "token", "refresh_tokens", "otp_code", "pin", "PASSPHRASE"],
)  # fmt: skip
def test_names_that_say_secret_are_secret(name):
    assert name_is_secret(name)


@pytest.mark.parametrize(
    "name", ["idempotency_key", "username", "monkey", "keywords", "status", "spinning", "tokenised_by"]
)
def test_ordinary_names_are_not_secret(name):
    assert not name_is_secret(name)


def test_redaction_reaches_every_depth_and_says_where():
    redacted, paths = redact(
        {"user": {"password1": "x", "name": "Sam"}, "items": [{"api_key": "k"}], "hash": "argon2$v=19$…"}
    )
    assert redacted == {
        "user": {"password1": REDACTED, "name": "Sam"},
        "items": [{"api_key": REDACTED}],
        "hash": REDACTED,
    }
    assert sorted(paths) == ["hash", "items[0].api_key", "user.password1"]


def test_record_never_seals_a_secret_whoever_passes_it():
    user = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    with transaction.atomic():
        event = audit.record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=user,
            changes={"password": PLANTED, "nested": {"secret": PLANTED, "list": [{"token": PLANTED}]}},
        )
    assert PLANTED not in _trail_text()
    assert event.changes == {
        "password": REDACTED,
        "nested": {"secret": REDACTED, "list": [{"token": REDACTED}]},
    }
    assert audit.verify_chain() is None


def test_a_form_password_box_is_withheld_whatever_it_is_called():
    class Form(forms.Form):
        memorable_word = forms.CharField(widget=forms.PasswordInput)
        colour = forms.CharField()

    form = Form(data={"memorable_word": PLANTED, "colour": "blue"}, initial={"colour": ""})
    assert form.is_valid()
    assert audit.form_changes(form) == {"memorable_word": REDACTED, "colour": "blue"}


# --- The finding: a user created in the admin -------------------------------------------------------


@pytest.fixture
def superuser_client():
    admin_user = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON, is_staff=True, is_superuser=True)
    # Something for every choice to point at (a routing rule needs a team).
    Team.objects.create(name="Hate crime team", agency=admin_user.agency)
    return signed_in(admin_user)


def _administrators_agency() -> Agency:
    """An agency the signed-in administrator administers (their own, in Bolton)."""
    return get_user_model().objects.get(is_superuser=True).agency


def test_creating_a_user_in_the_admin_leaves_no_password_in_the_audit_trail(superuser_client):
    agency = _administrators_agency()
    response = superuser_client.post(
        reverse("admin:core_user_add"),
        {"username": "new.starter", "password1": PLANTED, "password2": PLANTED, "agency": agency.pk,
         "first_name": "New", "last_name": "Starter", "email": "new@example.org", "job_title": "Officer",
         "usable_password": "true"},
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors
    created = get_user_model().objects.get(username="new.starter")
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(created.pk))
    # The admin leaves password boxes out of what it records; were they named, they would be withheld.
    assert all(event.changes.get(name, REDACTED) == REDACTED for name in ("password1", "password2"))
    assert PLANTED not in _trail_text()
    assert created.password not in _trail_text()

    # What a data protection officer sees in the audit search.
    officer = signed_in(staff(Role.DATA_PROTECTION_OFFICER, BOLTON))
    page = officer.get(reverse("core:audit-search"), {"subject": f"core.user:{created.pk}"})
    assert PLANTED not in page.content.decode()


# --- Every admin form and action ------------------------------------------------------------------


def _value_for(name: str, field: forms.Field, existing):
    """A value a superuser could type; every secret-looking box gets the planted secret."""
    typed = not isinstance(field, (forms.ChoiceField, forms.BooleanField))
    if typed and (name_is_secret(name) or isinstance(field.widget, forms.PasswordInput)):
        return PLANTED
    if existing not in (None, "", []):
        return existing
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [str(field.queryset.first().pk)] if field.queryset.exists() else []
    if isinstance(field, forms.ModelChoiceField):
        return str(field.queryset.first().pk) if field.queryset.exists() else ""
    if isinstance(field, forms.BooleanField):
        return "on"
    if isinstance(field, forms.ChoiceField):
        return next(str(value) for value, _ in field.choices if value not in ("", None))
    if isinstance(field, forms.EmailField):
        return f"{name}@example.org"
    if isinstance(field, forms.URLField):
        return "https://example.org/"
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return "1"
    if isinstance(field, forms.SplitDateTimeField):
        return ["2026-01-01", "09:00"]
    if isinstance(field, forms.DateField):
        return date(2026, 1, 1).isoformat()
    if isinstance(field, forms.JSONField):
        return "[]"
    if isinstance(field, forms.SlugField):
        return f"planted-{name}"[: field.max_length or 50]
    return f"value-of-{name}"[: field.max_length or 200]


def _post_data(response) -> dict:
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = _value_for(name, field, form.initial.get(name))
        if isinstance(field, forms.ModelMultipleChoiceField):
            value = [str(getattr(item, "pk", item)) for item in value]
        elif hasattr(value, "pk"):
            value = str(value.pk)
        if isinstance(field.widget, forms.SplitDateTimeWidget):
            value = value if isinstance(value, list) else ["2026-01-01", "09:00"]
            data[f"{name}_0"], data[f"{name}_1"] = value
        elif field.widget.__class__.__name__ == "CheckboxInput" and value is False:
            continue
        else:
            data[name] = value
    return data


REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.mark.parametrize("model, model_admin", REGISTERED, ids=[m._meta.label for m, _ in REGISTERED])
def test_no_admin_form_puts_a_secret_in_the_audit_trail(superuser_client, model, model_admin):
    info = model._meta.app_label, model._meta.model_name
    add = superuser_client.get(reverse("admin:{}_{}_add".format(*info)))
    if add.status_code == 200:
        created = superuser_client.post(reverse("admin:{}_{}_add".format(*info)), _post_data(add))
        assert created.status_code == 302, created.context["adminform"].form.errors
        obj = model._default_manager.order_by("-pk").first()
        change_url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
        change = superuser_client.get(change_url)
        if change.status_code == 200 and change.context["adminform"].form.fields:
            changed = superuser_client.post(change_url, _post_data(change))
            assert changed.status_code == 302, changed.context["adminform"].form.errors
    else:
        assert add.status_code == 403, f"{model._meta.label}: the add page answered {add.status_code}"
    assert PLANTED not in _trail_text()


def test_revoking_tokens_in_the_admin_leaves_no_key_in_the_audit_trail(superuser_client):
    token, full_key = issue_api_token(
        actor=None, agency=_administrators_agency(), name="School system", scopes=[ApiScope.values[0]]
    )
    response = superuser_client.post(
        reverse("admin:core_apitoken_changelist"), {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    trail = _trail_text()
    assert full_key not in trail
    assert full_key.split("_", 2)[2] not in trail  # "cg_<prefix>_<secret>"; the secret may hold "_"
    assert token.key_hash not in trail


def test_every_admin_action_runs_without_putting_a_secret_in_the_trail(superuser_client):
    # Admin actions other than "delete selected" (switched off or refused everywhere it matters).
    for model, model_admin in REGISTERED:
        for action in model_admin.actions or []:
            name = action if isinstance(action, str) else action.__name__
            superuser_client.post(
                reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
                {
                    "action": name,
                    "_selected_action": list(model._default_manager.values_list("pk", flat=True)[:5]),
                },
            )
    assert PLANTED not in _trail_text()


# --- Secrets already stored: the redaction migration ------------------------------------------


@pytest.fixture(scope="module")
def migration_apps():
    """The models as migration 0010 sees them (historical: no append-only queryset)."""
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(None, ignore_no_migrations=True).project_state(("core", MIGRATION)).apps


MIGRATION = "0013_redact_audit_secrets"


def _run_redaction_migration(apps) -> None:
    module = importlib.import_module(f"commonground.core.migrations.{MIGRATION}")
    module.redact(apps, SimpleNamespace(connection=connection))


def _recorded_before_the_fix(monkeypatch, user, changes) -> AuditEvent:
    """An event as the admin recorded it before secrets were withheld."""
    with monkeypatch.context() as patched, transaction.atomic():
        patched.setattr(audit, "redact", lambda value, path="": (value, []))
        return audit.record(actor=user, action=AuditAction.CREATE, obj=user, subject=user, changes=changes)


def test_the_redaction_migration_withholds_stored_passwords_and_the_chain_still_verifies(
    monkeypatch, migration_apps
):
    user = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    leaked = _recorded_before_the_fix(
        monkeypatch, user, {"username": "new.starter", "password1": PLANTED, "password2": PLANTED}
    )
    with transaction.atomic():
        later = audit.record(actor=user, action=AuditAction.VIEW, obj=user)
    assert PLANTED in _trail_text()
    assert tasks.anchor_audit_trail.call().startswith("anchored")  # an anchor from before the migration

    _run_redaction_migration(migration_apps)

    assert PLANTED not in _trail_text()
    leaked.refresh_from_db()
    assert leaked.changes == {"username": "new.starter", "password1": REDACTED, "password2": REDACTED}
    assert leaked.hash == AuditEvent.objects.get(sequence=leaked.sequence).hash  # the seal is kept
    redaction = AuditEvent.objects.get(action=AuditAction.AUDIT_EVENTS_REDACTED)
    assert redaction.sequence > later.sequence
    [note] = redaction.changes["redacted"]
    assert note["sequence"] == leaked.sequence
    assert note["fields"] == ["changes.password1", "changes.password2"]
    assert note["withheld_values_sha256"] == values_digest(
        {"changes.password1": PLANTED, "changes.password2": PLANTED}
    )
    assert audit.verify_chain() is None
    call_command("verify_audit")

    # The append-only triggers are back.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'x' WHERE id = %s", [leaked.pk])

    # Run again: nothing left to redact, nothing added.
    _run_redaction_migration(migration_apps)
    assert AuditEvent.objects.filter(action=AuditAction.AUDIT_EVENTS_REDACTED).count() == 1


def test_a_redacted_event_edited_any_further_is_still_a_break(monkeypatch, migration_apps):
    user = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    leaked = _recorded_before_the_fix(monkeypatch, user, {"password1": PLANTED})
    _run_redaction_migration(migration_apps)

    append_only.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'nothing happened' WHERE id = %s", [leaked.pk])

    broken = audit.verify_chain()
    assert broken.sequence == leaked.sequence
    assert "edited" in broken.problem


def test_a_redaction_without_a_redaction_event_is_a_break(monkeypatch):
    user = staff(Role.SYSTEM_ADMINISTRATOR, BOLTON)
    leaked = _recorded_before_the_fix(monkeypatch, user, {"password1": PLANTED})

    append_only.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET changes = %s WHERE id = %s",
            [json.dumps({"password1": REDACTED}), leaked.pk],
        )

    broken = audit.verify_chain()
    assert broken.sequence == leaked.sequence
    assert "edited" in broken.problem
