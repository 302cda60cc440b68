"""Who sees which entries, audits and actions: those who keep or audit the directories, in their
boroughs; the programme manager in every borough; nobody else."""

import pytest

from commonground.core import access
from commonground.core.access import scope_for
from commonground.core.roles import Role
from commonground.directory.models import Audit, AuditAction, AuditFinding, DirectoryEntry, OpeningHours
from tests.directory.world import a_lead, a_manager, a_world
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff

pytestmark = pytest.mark.django_db

MODELS = [DirectoryEntry, OpeningHours, Audit, AuditFinding, AuditAction]


@pytest.fixture
def world():
    return a_world()


def _boroughs(user, model):
    return set(
        access.visible(scope_for(user), model).values_list(
            {
                DirectoryEntry: "borough__code",
                OpeningHours: "entry__borough__code",
                Audit: "entry__borough__code",
                AuditFinding: "audit__entry__borough__code",
                AuditAction: "audit__entry__borough__code",
            }[model],
            flat=True,
        )
    )


@pytest.mark.parametrize("model", MODELS)
def test_a_borough_lead_sees_their_borough_only(world, model):
    assert _boroughs(a_lead(BOLTON), model) == {BOLTON}
    assert _boroughs(a_lead(OLDHAM), model) == {OLDHAM}


@pytest.mark.parametrize("model", MODELS)
def test_the_programme_manager_sees_every_borough(world, model):
    assert _boroughs(a_manager(), model) == {BOLTON, OLDHAM}


@pytest.mark.parametrize(
    "role", [Role.PARTNER_OFFICER, Role.TENSION_ANALYST, Role.DATA_PROTECTION_OFFICER, Role.GRANTS_OFFICER]
)
@pytest.mark.parametrize("model", MODELS)
def test_other_staff_see_nothing(world, role, model):
    assert _boroughs(staff(role, GREATER_MANCHESTER), model) == set()


def test_an_entry_out_of_scope_is_not_found(world):
    from django.http import Http404

    from commonground.directory.queries.staff import entry_or_404

    with pytest.raises(Http404):
        entry_or_404(scope_for(a_lead(OLDHAM)), world["entry_bolton"].pk)
    assert entry_or_404(scope_for(a_lead(BOLTON)), world["entry_bolton"].pk) == world["entry_bolton"]
