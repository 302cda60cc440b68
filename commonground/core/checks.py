"""System checks that fail fast when a rule of the architecture is forgotten."""

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.cache import DEFAULT_CACHE_ALIAS, caches

from commonground.core import access, audit_key, backups, retention_schedule, sensitivity, shared_cache

OUR_APPS_PREFIX = "commonground."


@checks.register()
def every_model_has_a_scope_rule(app_configs, **kwargs):
    """Every model of ours either has a scope rule or says why it needs none."""
    errors = []
    scoped = set(access.registered_models())
    for model in apps.get_models():
        if not model.__module__.startswith(OUR_APPS_PREFIX):
            continue
        if model in scoped or model._meta.label_lower in access.UNSCOPED_MODELS:
            continue
        errors.append(
            checks.Error(
                f"{model._meta.label} has no scope rule.",
                hint="Register a ScopeRule in the app's scoping.py, or declare_unscoped() it with a reason.",
                obj=model,
                id="core.E001",
            )
        )
    return errors


@checks.register()
def every_model_declares_its_retention(app_configs, **kwargs):
    """Every model of ours says how long it keeps personal data and what happens at the end, or
    that it holds none and why (core/retention_schedule.py); the privacy notice is made from these."""
    return models_without_retention(apps.get_models())


def models_without_retention(models) -> list[checks.Error]:
    errors = []
    declared = {entry.label for entry in retention_schedule.schedule()}
    for model in models:
        if not model.__module__.startswith(OUR_APPS_PREFIX):
            continue
        label = model._meta.label_lower
        if label in declared or label in retention_schedule.NO_PERSONAL_DATA:
            continue
        errors.append(
            checks.Error(
                f"{model._meta.label} declares no retention.",
                hint="declare() its retention in the app's retention.py, or declare_no_personal_data() "
                "it with a reason (commonground.core.retention_schedule).",
                obj=model,
                id="core.E007",
            )
        )
    for entry in retention_schedule.schedule():
        if entry.follows is not None and entry.follows not in declared:
            errors.append(
                checks.Error(
                    f"{entry.label} follows {entry.follows}, which declares no retention.", id="core.E007"
                )
            )
    return errors


@checks.register()
def every_field_of_a_declared_model_has_a_sensitivity_class(app_configs, **kwargs):
    """A model that declares its fields' sensitivity classes declares every field (one added later
    must be classified before any page may show it) and names no field it lacks."""
    errors = []
    for label in sensitivity.declared_labels():
        try:
            model = apps.get_model(label)
        except LookupError:
            errors.append(
                checks.Error(f"{label} declares sensitivity classes but is no model.", id="core.E008")
            )
            continue
        names = [f.name for f in model._meta.concrete_fields if not f.primary_key]
        missing, unknown = sensitivity.undeclared_fields(label, names)
        for name in missing:
            errors.append(
                checks.Error(
                    f"{model._meta.label}.{name} has no sensitivity class.",
                    hint="Give it a class in the app's sensitivity.py (commonground.core.sensitivity).",
                    obj=model,
                    id="core.E008",
                )
            )
        for name in unknown:
            errors.append(
                checks.Error(
                    f"{model._meta.label} declares a sensitivity class for {name}, which it does not have.",
                    obj=model,
                    id="core.E008",
                )
            )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def demo_second_factor_bypass_is_off(app_configs, **kwargs):
    if getattr(settings, "DEMO_SKIP_SECOND_FACTOR", False):
        return [
            checks.Error(
                "DEMO_SKIP_SECOND_FACTOR is on.",
                hint="It lets demo accounts sign in without a second factor; turn it off in production.",
                id="core.E002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def audit_chain_key_is_a_real_secret(app_configs, **kwargs):
    """The audit chain's key must not be the development one, nor short (docs/decisions/0009)."""
    try:
        key = audit_key.chain_key()
    except OSError as error:
        return [
            checks.Error(
                f"The audit chain key file cannot be read: {error}.",
                hint="Set AUDIT_CHAIN_KEY_FILE to a file the service can read, or set AUDIT_CHAIN_KEY.",
                id="core.E004",
            )
        ]
    if audit_key.is_development_key(key):
        return [
            checks.Error(
                "The audit chain key is the development key, known to everyone.",
                hint="Set AUDIT_CHAIN_KEY (or AUDIT_CHAIN_KEY_FILE) to a long random value kept outside the database.",
                id="core.E003",
            )
        ]
    if len(key) < audit_key.MINIMUM_KEY_LENGTH:
        return [
            checks.Error(
                f"The audit chain key is shorter than {audit_key.MINIMUM_KEY_LENGTH} characters.",
                hint="Use a long random value: python -c 'import secrets; print(secrets.token_urlsafe(48))'.",
                id="core.E005",
            )
        ]
    return []


@checks.register(checks.Tags.caches, checks.Tags.security, deploy=True)
def the_cache_is_shared_between_processes(app_configs, **kwargs):
    """Flood limits count in the cache: a per-process one gives every web worker its own count."""

    if shared_cache.is_per_process(caches[DEFAULT_CACHE_ALIAS]):
        return [
            checks.Warning(
                "The default cache is kept in each process's memory, so every web worker counts flood "
                "limits and failed sign-ins on its own.",
                hint="Leave CACHES to its default (the database cache, created by migrate) or set REDIS_URL.",
                id="core.W001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def backups_have_a_key(app_configs, **kwargs):
    """Without a key (or with one that cannot be read), every nightly backup would fail."""
    try:
        backups.encryption_key()
    except backups.BackupError as error:
        return [
            checks.Error(
                f"Backups cannot be encrypted: {error}",
                hint="Set BACKUP_ENCRYPTION_KEY_FILE (or BACKUP_ENCRYPTION_KEY) to a key from "
                "`manage.py backup --new-key`, kept away from BACKUP_DIR.",
                id="core.E006",
            )
        ]
    return []
