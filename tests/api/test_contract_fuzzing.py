"""Contract fuzzing: Schemathesis generates requests for every operation from the API's own
OpenAPI document (loaded from the WSGI application) and checks each answer: never a server error,
and the status, content type, headers and body all as the document says. Marked `fuzz`, left out
of the default run; CI runs it on its own (`pytest -m fuzz -p no:randomly`), bounded to a few
dozen examples per operation so that it takes a minute or two."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from commonground.core.actions.api_tokens import issue_api_token
from commonground.core.models.api_tokens import ApiScope
from commonground.core.roles import Role
from config.wsgi import application
from tests.factories import AgencyFactory, staff

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

EXAMPLES_PER_OPERATION = 40
COMBINED_AUTHORITY = "E47000001"


@pytest.fixture(autouse=True)
def connection_kept_between_requests():
    """The WSGI handler closes the database connection around each request (`close_old_connections`),
    which would end the test's transaction on PostgreSQL; Django's test client turns that off while
    it calls the application, and so does this, for the requests Schemathesis sends."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def token(db) -> str:
    """A real agency token holding every scope, issued as the product issues them."""
    agency = AgencyFactory(name="Fuzzing partner", serves=[COMBINED_AUTHORITY])
    _token, secret = issue_api_token(
        actor=staff(Role.SYSTEM_ADMINISTRATOR, COMBINED_AUTHORITY),
        agency=agency,
        name="Contract fuzzing",
        scopes=list(ApiScope.values),
    )
    return secret


# Loaded when the module is collected: the document is built from code and needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# Unknown query parameters are ignored, as HTTP APIs usually do (a client's cache-buster must not
# break a call), so requests that add one are not sent as "invalid".
schema.config.generation.update(allow_extra_parameters=False)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_every_operation_honours_its_contract(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        # A request the schema allows may still be refused by a rule the schema cannot state (a ward
        # code of the right shape outside the partnership, 'from' after 'to'): a documented 422.
        excluded_checks=[positive_data_acceptance],
    )
