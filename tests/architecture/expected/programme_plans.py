"""Action plans and projects. Plans and projects are for those who follow the programme (the
programme team and borough programme leads), who also write them, for their own areas: another
area's plan, objective, action or project is 404, as if it did not exist. An action or a milestone
is also open to its owner (404 to other staff). Status moves and marking done are by POST only
(405 to a GET). An evaluation's report downloads only for those who may open the project."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only, staff_page

FOLLOWERS = (Role.PROGRAMME_MANAGER.value, Role.BOROUGH_PROGRAMME_LEAD.value)


def _in_and_out(name: str, *, ok: int = 200):
    """A page of a Bolton record (the matrix's area) and of an Oldham one (out of scope)."""
    return [
        ({name: f"{{{name}_bolton}}"}, only(*FOLLOWERS, ok=ok)),
        ({name: f"{{{name}_oldham}}"}, only(*FOLLOWERS, ok=404)),
    ]


EXPECTED = {
    "programme:plan-list": [({}, only(*FOLLOWERS))],
    "programme:plan-new": [({}, only(*FOLLOWERS))],
    "programme:plan": _in_and_out("plan_id"),
    "programme:plan-edit": _in_and_out("plan_id"),
    "programme:plan-move": [({"plan_id": "{plan_id_bolton}"}, only(*FOLLOWERS, ok=405))],
    "programme:plan-new-objective": _in_and_out("plan_id"),
    "programme:plan-new-action": _in_and_out("objective_id"),
    "programme:plan-action": [
        ({"action_id": "{action_id_bolton}"}, only(*FOLLOWERS, other=404)),
        ({"action_id": "{action_id_oldham}"}, staff_page(404)),
    ],
    "programme:plan-edit-action": _in_and_out("action_id"),
    "programme:plan-move-action": [({"action_id": "{action_id_bolton}"}, staff_page(405))],
    "programme:project-new": _in_and_out("objective_id"),
    "programme:project": _in_and_out("project_id"),
    "programme:project-new-milestone": _in_and_out("project_id"),
    "programme:project-milestone": [
        ({"milestone_id": "{milestone_id_bolton}"}, only(*FOLLOWERS, other=404)),
        ({"milestone_id": "{milestone_id_oldham}"}, staff_page(404)),
    ],
    "programme:project-milestone-done": [({"milestone_id": "{milestone_id_bolton}"}, staff_page(405))],
    "programme:project-budget": _in_and_out("project_id"),
    "programme:project-new-status": _in_and_out("project_id"),
    "programme:project-new-risk": _in_and_out("project_id"),
    "programme:project-move-risk": [({"risk_id": "{risk_id_bolton}"}, only(*FOLLOWERS, ok=405))],
    "programme:project-new-evaluation": _in_and_out("project_id"),
    "programme:project-evaluation-report": [
        ({"project_id": "{project_id_bolton}", "evaluation_id": "{evaluation_id_bolton}"}, only(*FOLLOWERS)),
        (
            {"project_id": "{project_id_oldham}", "evaluation_id": "{evaluation_id_oldham}"},
            only(*FOLLOWERS, ok=404),
        ),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from tests.factories import OLDHAM
    from tests.programme.plans_world import a_world

    values = {}
    for code, suffix in ((None, "bolton"), (OLDHAM, "oldham")):
        world = a_world(code=code) if code else a_world()
        for name in ("plan", "objective", "action", "project", "milestone", "risk", "evaluation"):
            values[f"{name}_id_{suffix}"] = world[name].pk
    return values
