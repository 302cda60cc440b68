"""One idempotency mechanism for every API operation that creates something (reports, referrals,
tension reports, trigger events): a replay gets the first answer and makes nothing, the same key
with a different request is refused, a failed create leaves no key, two concurrent calls with one
key make one record and get one answer, nothing reads the audit trail to find a key, and old keys
are swept."""

import json
import threading
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.api import idempotency
from commonground.core import append_only, schedule, tasks
from commonground.core import demo as core_demo
from commonground.core.actions.api_tokens import issue_api_token
from commonground.core.models import Agency, IdempotencyKey, User
from commonground.core.models.api_tokens import ApiScope
from commonground.reports import demo as reports_demo
from commonground.reports.models import Report
from commonground.safeguarding.models import Referral
from commonground.tension.models import TensionReport, TriggerEvent
from tests.api import test_referrals_api, test_reports_api, test_tension_api
from tests.core import test_background_tasks


@dataclass(frozen=True)
class Operation:
    path: str
    body: dict
    different: dict
    model: type
    action: str  # the action as the router module names it, patched to slow it down or fail it


def operations() -> dict[str, Operation]:
    return {
        "submit_report": Operation(
            test_reports_api.REPORTS,
            test_reports_api.a_report(),
            test_reports_api.a_report(description="Something else happened."),
            Report,
            "commonground.api.routers.reports.operation.submit_report",
        ),
        "submit_referral": Operation(
            test_referrals_api.REFERRALS,
            test_referrals_api.a_referral(),
            test_referrals_api.a_referral(person={"first_name": "Alex"}),
            Referral,
            "commonground.api.routers.referrals.submit_partner_referral",
        ),
        "submit_tension_report": Operation(
            test_tension_api.REPORTS,
            test_tension_api.a_report(),
            test_tension_api.a_report(handling_conditions="Police only"),
            TensionReport,
            "commonground.api.routers.tension.reports.submit_partner_tension_report",
        ),
        "record_trigger_event": Operation(
            test_tension_api.EVENTS,
            test_tension_api.an_api_event(),
            test_tension_api.an_api_event(expected_impact="low"),
            TriggerEvent,
            "commonground.api.routers.tension.events.record_partner_trigger_event",
        ),
    }


NAMES = list(operations())


def issue_token() -> tuple[Agency, str]:
    core_demo.load_demo()
    reports_demo.load_demo()
    police = Agency.objects.get(name="Demo Police Force")
    _token, key = issue_api_token(
        actor=User.objects.get(username="admin"),
        agency=police,
        name="Partner system",
        scopes=[ApiScope.REPORTS_WRITE, ApiScope.REFERRALS_WRITE, ApiScope.TENSION_WRITE],
    )
    return police, key


@pytest.fixture
def token(db) -> tuple[Agency, str]:
    return issue_token()


def post(operation: Operation, body, token: str, key: str = "the-key"):
    data = body if isinstance(body, str) else json.dumps(body)
    return Client().post(
        operation.path,
        data,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
    )


@pytest.mark.parametrize("name", NAMES)
def test_a_replay_answers_what_the_first_call_did_and_makes_nothing(token, name):
    police, secret = token
    operation = operations()[name]
    before = operation.model.objects.count()

    first = post(operation, operation.body, secret)
    again = post(operation, operation.body, secret)

    assert (first.status_code, again.status_code) == (201, 200), first.json()
    assert "Idempotent-Replayed" not in first and again["Idempotent-Replayed"] == "true"
    assert again.content == first.content
    assert operation.model.objects.count() == before + 1
    stored = IdempotencyKey.objects.get(agency=police, operation=name, key="the-key")
    assert (stored.response_status, stored.response_body) == (201, first.json())


@pytest.mark.parametrize("name", NAMES)
def test_the_same_key_with_a_different_request_is_refused_and_makes_nothing(token, name):
    _, secret = token
    operation = operations()[name]
    before = operation.model.objects.count()
    first = post(operation, operation.body, secret)

    refused = post(operation, operation.different, secret)

    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    problem = refused.json()
    assert problem["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in problem["title"] and "own key" in problem["detail"]
    assert operation.model.objects.count() == before + 1
    assert post(operation, operation.body, secret).content == first.content


@pytest.mark.parametrize("name", NAMES)
def test_the_same_request_written_differently_is_the_same_request(token, name):
    """The whole request is compared once validated: the order of its fields and the defaults
    spelled out or left out make no difference."""
    _, secret = token
    operation = operations()[name]
    first = post(operation, operation.body, secret)
    rewritten = dict(reversed(list(operation.body.items())))

    again = post(operation, json.dumps(rewritten, indent=2), secret)

    assert again.status_code == 200 and again.content == first.content


def test_defaults_spelled_out_are_the_same_request(token):
    _, secret = token
    operation = operations()["submit_report"]
    first = post(operation, operation.body, secret)

    again = post(operation, {**operation.body, "urgent": False, "language": "en"}, secret)

    assert again.status_code == 200 and again.content == first.content


@pytest.mark.parametrize("name", NAMES)
def test_a_create_that_fails_leaves_neither_record_nor_key_and_the_key_then_works(token, name, monkeypatch):
    _, secret = token
    operation = operations()[name]
    before = operation.model.objects.count()
    module_path, _, attribute = operation.action.rpartition(".")
    module = __import__(module_path, fromlist=[attribute])
    original = getattr(module, attribute)

    def made_then_lost(*args, **kwargs):
        original(*args, **kwargs)  # the record is made, then the connection is lost before commit
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(module, attribute, made_then_lost)
    assert post(operation, operation.body, secret).status_code == 503
    assert operation.model.objects.count() == before
    assert not IdempotencyKey.objects.exists()

    monkeypatch.setattr(module, attribute, original)
    assert post(operation, operation.body, secret).status_code == 201
    assert operation.model.objects.count() == before + 1


@pytest.mark.parametrize("name", NAMES)
def test_a_replay_never_reads_the_audit_trail(token, name):
    _, secret = token
    operation = operations()[name]
    post(operation, operation.body, secret)

    with CaptureQueriesContext(connection) as queries:
        assert post(operation, operation.body, secret).status_code == 200

    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "core_auditevent" not in sql and "core_auditchainhead" not in sql


def test_keys_are_per_operation(token):
    _, secret = token
    for name in NAMES:
        operation = operations()[name]
        assert post(operation, operation.body, secret, key="shared").status_code == 201
    assert IdempotencyKey.objects.filter(key="shared").count() == len(NAMES)


def test_the_request_hash_is_of_the_whole_validated_request():
    from commonground.api.routers.referrals import ReferralIn

    body = test_referrals_api.a_referral()
    one = idempotency.request_hash(ReferralIn.model_validate(body))
    assert one == idempotency.request_hash(ReferralIn.model_validate(dict(reversed(list(body.items())))))
    # Any field counts, not a chosen few: the referrer's phone, the interpreter, what was done.
    for changed in (
        test_referrals_api.a_referral(referrer={"phone": "01204 999999"}),
        test_referrals_api.a_referral(person={"interpreter_needed": True}),
        test_referrals_api.a_referral(what_done="Nothing yet."),
    ):
        assert idempotency.request_hash(ReferralIn.model_validate(changed)) != one


# --- Retention ---------------------------------------------------------------------------------------


def test_keys_older_than_the_window_are_swept_daily(token, settings):
    police, _ = token
    settings.API_IDEMPOTENCY_KEY_DAYS = 30
    old, _recent = (
        IdempotencyKey.objects.create(
            agency=police,
            operation="submit_report",
            key=key,
            request_hash="0" * 64,
            response_status=201,
            response_body={},
        )
        for key in ("old", "recent")
    )
    IdempotencyKey.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))

    assert tasks.remove_expired_idempotency_keys.call() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["recent"]
    assert tasks.remove_expired_idempotency_keys.module_path in {entry.name for entry in schedule.SCHEDULE}


# --- Concurrency (PostgreSQL) -------------------------------------------------------------------------

_restore_after_flush = test_background_tasks._restore_after_flush


@pytest.fixture
def committed(_restore_after_flush, transactional_db):
    """A database each thread commits to, as in production. The flush after the test empties the
    audit table, which the append-only triggers refuse; they are dropped for it."""
    yield
    append_only.remove(connection)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write, so two calls can never race on the key; CI runs this on PostgreSQL",
)
@pytest.mark.parametrize("name", NAMES)
def test_two_concurrent_calls_with_one_key_make_one_record_and_get_one_answer(committed, name, monkeypatch):
    _, secret = issue_token()
    operation = operations()[name]
    before = operation.model.objects.count()
    module_path, _, attribute = operation.action.rpartition(".")
    module = __import__(module_path, fromlist=[attribute])
    original = getattr(module, attribute)
    both_started = threading.Barrier(2)

    def slow(*args, **kwargs):
        made = original(*args, **kwargs)
        threading.Event().wait(0.5)  # hold the transaction open while the other call arrives
        return made

    monkeypatch.setattr(module, attribute, slow)
    responses: list = []

    def call():
        try:
            both_started.wait()
            responses.append(post(operation, operation.body, secret, key="concurrent"))
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(response.status_code for response in responses) == [200, 201]
    assert responses[0].content == responses[1].content
    assert operation.model.objects.count() == before + 1
    assert IdempotencyKey.objects.filter(key="concurrent").count() == 1


def test_nothing_looks_for_a_key_in_the_audit_trail():
    from pathlib import Path

    import commonground

    root = Path(commonground.__file__).parent
    searching = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and "changes__idempotency_key" in path.read_text(encoding="utf-8")
    ]
    assert searching == []
