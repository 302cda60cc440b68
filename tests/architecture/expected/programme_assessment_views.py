"""Reading self-assessments: a borough's history, all boroughs side by side and what moves a borough
up. Those who follow the programme (the programme manager and borough programme leads) read them
for their own boroughs; another borough is 404, like a missing one; other staff 403."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only

FOLLOWERS = (Role.PROGRAMME_MANAGER.value, Role.BOROUGH_PROGRAMME_LEAD.value)
BOLTON = {"code": "E08000001"}
OLDHAM = {"code": "E08000004"}

EXPECTED = {
    "programme:assessments-side-by-side": [({}, only(*FOLLOWERS))],
    "programme:borough-assessment-history": [(BOLTON, only(*FOLLOWERS)), (OLDHAM, only(*FOLLOWERS, ok=404))],
    "programme:borough-moving-up": [(BOLTON, only(*FOLLOWERS)), (OLDHAM, only(*FOLLOWERS, ok=404))],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    """A moderated Bolton assessment, so the pages draw their charts and tables in the matrix."""
    from tests.programme.assessment_view_builders import assessment

    assessment("E08000001", 2019, levels=[1, 2, 3, 4, 5], moderated=[2, 2, 3, 4, 5])
    return {}
