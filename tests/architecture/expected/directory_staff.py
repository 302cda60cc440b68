"""The directories' staff pages. Those who keep and audit the directories (the programme manager,
for the whole combined authority, and borough programme leads, for their borough) see the list and
each entry of their areas; another borough's entry is 404, as if it did not exist. Other staff get
403. Publishing again and marking an action done are by POST only (405 to a GET)."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only

KEEPERS = (Role.PROGRAMME_MANAGER.value, Role.BOROUGH_PROGRAMME_LEAD.value)


def _in_and_out(name: str, *, ok: int = 200):
    """A page of a Bolton entry (the matrix's area: every role works for a Bolton agency) and of an
    Oldham one (out of scope)."""
    return [
        ({name: f"{{directory_{name}_bolton}}"}, only(*KEEPERS, ok=ok)),
        ({name: f"{{directory_{name}_oldham}}"}, only(*KEEPERS, ok=404)),
    ]


EXPECTED = {
    "directory:staff-list": [({}, only(*KEEPERS))],
    "directory:staff-new": [({}, only(*KEEPERS))],
    "directory:staff-entry": _in_and_out("entry_id"),
    "directory:staff-edit": _in_and_out("entry_id"),
    "directory:staff-withdraw": _in_and_out("entry_id"),
    "directory:staff-publish": [({"entry_id": "{directory_entry_id_bolton}"}, only(*KEEPERS, ok=405))],
    "directory:staff-audit": _in_and_out("entry_id"),
    "directory:staff-action-done": [({"action_id": "{directory_action_id_bolton}"}, only(*KEEPERS, ok=405))],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from tests.directory.world import a_world

    world = a_world()
    return {
        "directory_entry_id_bolton": world["entry_bolton"].pk,
        "directory_entry_id_oldham": world["entry_oldham"].pk,
        "directory_action_id_bolton": world["action_bolton"].pk,
    }
