"""Every URL and every role has an expected outcome, generated from the URLconf: a new URL without
an entry in EXPECTED fails this suite, so nobody ships a page without deciding who may open it."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from commonground.core.models import Area
from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, DPO, ROLES, admin_page, everyone, only, staff_page
from tests.conftest import signed_in
from tests.factories import BOLTON, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

# name (or pattern, for unnamed ones) → list of (sample kwargs, expected status per role).
# Sample values in {braces} are filled from the fixture objects below.
EXPECTED = {
    "core:start": [({}, everyone(200))],
    "core:accessibility": [({}, everyone(200))],
    "core:privacy": [({}, everyone(200))],
    "core:cookies": [({}, everyone(200))],
    "core:sign-in": [({}, {ANON: 200, **{r: 302 for r in ROLES if r != ANON}})],
    "core:sign-out": [({}, everyone(405))],  # POST only
    "core:signed-out": [({}, everyone(200))],
    "core:two-factor-setup": [({}, staff_page(200))],
    "core:two-factor-verify": [({}, staff_page(200))],
    "core:two-factor-recovery-codes": [({}, staff_page(200))],
    "core:password-reset": [({}, everyone(200))],
    "core:password-reset-sent": [({}, everyone(200))],
    "core:password-reset-choose": [({"uidb64": "MQ", "token": "set-password"}, everyone(200))],
    "core:password-reset-complete": [({}, everyone(200))],
    "core:staff-home": [({}, staff_page(200))],
    "core:people": [({}, staff_page(200))],
    "core:person": [
        ({"user_id": "{colleague}"}, staff_page(200)),
        ({"user_id": "{outsider}"}, staff_page(404)),
    ],
    "core:areas": [({}, staff_page(200))],
    "core:area": [({"code": BOLTON}, staff_page(200)), ({"code": "E99999999"}, staff_page(404))],
    "core:audit-search": [({}, only(DPO))],
    "api:openapi-json": [({}, everyone(200))],
    "api:openapi-view": [({}, everyone(200))],
    "api:list_areas": [({}, everyone(401))],
    "api:get_area": [({"code": BOLTON}, everyone(401))],
    "api:api-root": [({}, everyone(404))],
    "admin:index": [({}, admin_page(200, 200))],
    "admin:login": [({}, everyone(302))],  # to the service's own sign-in
    "admin:logout": [({}, admin_page(405, 405))],
    "admin:password_change": [({}, admin_page(200, 200))],
    "admin:password_change_done": [({}, admin_page(200, 200))],
    "admin:autocomplete": [({}, admin_page(403))],  # needs a field to complete
    "admin:jsi18n": [({}, admin_page(200, 200))],
    "admin:view_on_site": [({"content_type_id": "1", "object_id": "1"}, admin_page(404, 404))],
    "admin:app_list": [({"app_label": "core"}, admin_page(200, 404))],
}

# Admin pages per model: what a system administrator may do there.
ADMIN_MODELS = {
    # (app label, model): (changelist, add, change, history, delete, bare object url)
    ("core", "user"): (200, 200, 200, 200, 403, 302),
    ("core", "agency"): (200, 200, 200, 200, 403, 302),
    ("core", "apitoken"): (200, 403, 200, 200, 403, 302),
    ("core", "rolegrantrequest"): (200, 403, 200, 200, 403, 302),
    ("core", "area"): (200, 403, 200, 200, 403, 302),
    ("auth", "group"): (200, 403, 200, 200, 403, 302),
    ("otp_totp", "totpdevice"): (200, 403, 200, 200, 200, 302),
    ("axes", "accessattempt"): (200, 403, 200, 200, 200, 302),
    ("axes", "accesslog"): (403, 403, 403, 403, 403, 302),
    ("axes", "accessfailurelog"): (403, 403, 403, 403, 403, 302),
    ("django_tasks_database", "dbtaskresult"): (200, 403, 200, 200, 403, 302),
}
# Models whose admin lists only what the administrator administers (`core.administration`).
SCOPED_ADMIN = {"core_user", "core_agency", "core_apitoken", "core_rolegrantrequest", "otp_totp_totpdevice"}
for (app_label, model_name), (changelist, add, change, history, delete, bare) in ADMIN_MODELS.items():
    model = f"{app_label}_{model_name}"
    sample = {"object_id": f"{{{model}}}"}
    EXPECTED[f"admin:{model}_changelist"] = [({}, admin_page(changelist))]
    EXPECTED[f"admin:{model}_add"] = [({}, admin_page(add))]
    EXPECTED[f"admin:{model}_change"] = [(sample, admin_page(change))]
    # Scoped models: to a programme manager the record does not exist, so the admin redirects.
    EXPECTED[f"admin:{model}_history"] = [
        (sample, admin_page(history, 302 if model in SCOPED_ADMIN else 403))
    ]
    EXPECTED[f"admin:{model}_delete"] = [(sample, admin_page(delete))]
    EXPECTED[f"admin:admin/{app_label}/{model_name}/<path:object_id>/"] = [(sample, admin_page(bare, bare))]
EXPECTED["admin:auth_user_password_change"] = [({"id": "{core_user}"}, admin_page(200))]
EXPECTED["admin:admin/(?P<url>.*)$"] = [({"url": "no-such-page/"}, admin_page(404, 404))]


def _expectation_modules():
    import importlib
    import pkgutil

    from tests.architecture import expected

    return [
        importlib.import_module(f"{expected.__name__}.{m.name}")
        for m in pkgutil.iter_modules(expected.__path__)
    ]


for _module in _expectation_modules():
    EXPECTED.update(_module.EXPECTED)


def _walk(resolver, prefix="", namespace=()):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + ((entry.namespace,) if entry.namespace else ())
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            # Unnamed patterns are keyed by their whole path.
            key = entry.name or (prefix + str(entry.pattern)).replace("^", "")
            yield ":".join((*namespace, key)), prefix + str(entry.pattern), entry


def _all_urls():
    return list(_walk(get_resolver()))


def test_every_url_has_an_expected_outcome_for_every_role():
    missing = sorted({key for key, _, _ in _all_urls()} - set(EXPECTED))
    assert missing == [], "Add these URLs to EXPECTED with an outcome for every role:\n" + "\n".join(missing)
    for key, samples in EXPECTED.items():
        for _, expected in samples:
            assert set(expected) == set(ROLES), f"{key} must name an outcome for every role"


def test_expected_outcomes_name_only_urls_that_exist():
    existing = {key for key, _, _ in _all_urls()}
    assert sorted(set(EXPECTED) - existing) == []


@pytest.fixture
def world():
    """One user per role in a Bolton agency, a colleague in scope, an outsider out of scope, and one
    object of each admin model."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_tasks_db.models import DBTaskResult

    from commonground.core.tasks import clear_expired_sessions

    bolton = AgencyFactory(serves=[BOLTON])
    clients = {ANON: Client()}
    for role in Role:
        clients[role.value] = signed_in(UserFactory(agency=bolton, roles=[role]))
    colleague = UserFactory(agency=bolton)
    outsider = UserFactory(agency=AgencyFactory(serves=["E08000004"]))
    token = _token(bolton)
    AccessAttempt.objects.create(
        username="x",
        ip_address="127.0.0.1",
        user_agent="t",
        failures_since_start=1,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/",
    )
    access_log = AccessLog.objects.create(
        username="x", ip_address="127.0.0.1", user_agent="t", http_accept="", path_info="/"
    )
    failure_log = AccessFailureLog.objects.create(
        username="x", ip_address="127.0.0.1", user_agent="t", http_accept="", path_info="/", locked_out=False
    )
    with _database_tasks():
        clear_expired_sessions.enqueue()
    values = {
        "colleague": colleague.pk,
        "outsider": outsider.pk,
        "core_user": colleague.pk,
        "core_agency": bolton.pk,
        "core_apitoken": token.pk,
        "core_area": Area.objects.get(code=BOLTON).pk,
        "auth_group": Group.objects.first().pk,
        "otp_totp_totpdevice": TOTPDevice.objects.first().pk,
        "axes_accessattempt": AccessAttempt.objects.first().pk,
        "axes_accesslog": access_log.pk,
        "axes_accessfailurelog": failure_log.pk,
        "django_tasks_database_dbtaskresult": DBTaskResult.objects.first().pk,
        "core_rolegrantrequest": _role_request(colleague).pk,
    }
    for module in _expectation_modules():
        if hasattr(module, "sample_values"):
            samples = module.sample_values(bolton)
            # Two modules naming a sample alike would silently test one's URL with the other's row.
            clashes = sorted(set(samples) & set(values))
            assert not clashes, f"{module.__name__} reuses sample names: {clashes}"
            values.update(samples)
    return clients, values


def _token(agency):
    from commonground.core.actions.api_tokens import issue_api_token

    admin = UserFactory(agency=AgencyFactory(serves=["E47000001"]), roles=[Role.SYSTEM_ADMINISTRATOR])
    token, _key = issue_api_token(actor=admin, agency=agency, name="Test", scopes=["areas:read"])
    return token


def _role_request(person):
    from commonground.core.actions.roles import request_role_grant

    admin = UserFactory(agency=AgencyFactory(serves=["E47000001"]), roles=[Role.SYSTEM_ADMINISTRATOR])
    return request_role_grant(actor=admin, user=person, role=Role.DATA_PROTECTION_OFFICER, reason="Matrix")


class _database_tasks:
    def __enter__(self):
        from django.test import override_settings

        self.override = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
        self.override.enable()

    def __exit__(self, *exc):
        self.override.disable()


def _fill(kwargs: dict, values: dict) -> dict:
    return {
        k: str(values[v[1:-1]]) if isinstance(v, str) and v.startswith("{") else v for k, v in kwargs.items()
    }


def _path(pattern: str, kwargs: dict) -> str:
    import re

    path = "/" + pattern.replace("^", "").replace("$", "")
    for name, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", value, path)
    return path


def test_each_role_gets_the_expected_outcome_at_every_url(world):
    clients, values = world
    wrong = []
    for key, pattern, _ in _all_urls():
        for kwargs, expected in EXPECTED[key]:
            path = _path(pattern, _fill(kwargs, values))
            for role, client in clients.items():
                status = client.get(path).status_code
                if status != expected[role]:
                    wrong.append(f"{path} as {role}: got {status}, expected {expected[role]}")
    assert wrong == [], "\n".join(wrong)
