"""System checks that fail fast when a rule of the architecture is forgotten."""

from django.apps import apps
from django.conf import settings
from django.core import checks

from commonground.core import access

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
