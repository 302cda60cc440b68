"""Every entity with a status moves only through its own table (a pure `Machine`), and only the one
move helper (`core/actions/moves.py`) sets a stored status: an AST scan of all app code finds no
other assignment to `.status` or `.state`, no `.update(status=…)`, and no record created in any
state but its table's initial one. Each table matches its model's choices and default, and is pure."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory

from commonground.calendar import workflow as calendar_workflow
from commonground.core import role_grant_workflow
from commonground.core.state_machine import Machine
from commonground.governance import workflow as governance_workflow
from commonground.grants import workflow as grant_workflow
from commonground.insights import edition_workflow
from commonground.programme import assessment_workflow, record_workflows
from commonground.reports import workflow as report_workflow
from commonground.safeguarding import intervention_workflow, pack_workflow
from commonground.safeguarding import workflow as referral_workflow
from commonground.safeguarding.models import EDITABLE_FIELDS
from commonground.tension import response_workflow

APP = Path(settings.BASE_DIR, "commonground")
THE_MOVE_HELPER = APP / "core" / "actions" / "moves.py"
STATUS_FIELDS = {"status", "state"}
CREATES = {"create", "get_or_create", "update_or_create"}

# Each model with a status, and its table. A new model with a status field fails
# `test_every_model_with_a_status_has_a_table` until it is added here.
MACHINES: dict[str, Machine] = {
    "safeguarding.Referral": referral_workflow.MACHINE,
    "reports.Report": report_workflow.MACHINE,
    "insights.StatisticsEdition": edition_workflow.MACHINE,
    "tension.ResponseAction": response_workflow.MACHINE,
    "safeguarding.Intervention": intervention_workflow.MACHINE,
    "core.RoleGrantRequest": role_grant_workflow.MACHINE,
    "safeguarding.PanelPackFile": pack_workflow.MACHINE,
    "programme.BoroughAssessment": assessment_workflow.MACHINE,
    "programme.ActionPlan": record_workflows.PLAN,
    "programme.PlanAction": record_workflows.PLAN_ACTION,
    "programme.ProjectRisk": record_workflows.RISK,
    "programme.Attendance": record_workflows.ATTENDANCE,
    "programme.Briefing": record_workflows.BRIEFING,
    "grants.GrantApplication": grant_workflow.APPLICATION,
    "community_calendar.Event": calendar_workflow.MACHINE,
    "governance.SubjectAccessRequest": governance_workflow.MACHINE,
}
PURE_TABLES = [
    "core/state_machine.py",
    "core/role_grant_workflow.py",
    "programme/assessment_workflow.py",
    "programme/record_workflows.py",
    "reports/workflow.py",
    "insights/edition_workflow.py",
    "tension/response_workflow.py",
    "safeguarding/workflow.py",
    "safeguarding/intervention_workflow.py",
    "safeguarding/pack_workflow.py",
    "grants/workflow.py",
    "calendar/workflow.py",
    "governance/workflow.py",
]

# What the scan lets through, and why: (module, form) → reason. Kept short on purpose.
EXEMPT = {
    ("core/worker.py", "update"): "the task queue's own results table (django-tasks), not a product record: "
    "a task abandoned by a dead worker goes back to the queue as the library's own worker does",
    ("insights/demo.py", "create"): "demo history, written as it ended up (closed reports of a past "
    "quarter); demo data never touches real records",
    ("tension/demo.py", "create"): "demo history, written as it ended up (response actions done or "
    "under way, with past dates the actions refuse)",
}


def _app_models_with_a_status() -> dict[str, type]:
    found = {}
    for model in apps.get_models():
        if not model.__module__.startswith("commonground."):
            continue
        if {field.name for field in model._meta.get_fields()} & STATUS_FIELDS:
            found[model._meta.label] = model
    return found


MODEL_NAMES = {label.split(".")[1] for label in _app_models_with_a_status()}


def _names_the_initial_state(value: ast.expr) -> bool:
    """`workflow.INITIAL`, `INITIAL` or `MACHINE.initial`: the table's own initial state."""
    if isinstance(value, ast.Name):
        return value.id == "INITIAL"
    return isinstance(value, ast.Attribute) and value.attr in {"INITIAL", "initial"}


def _status_targets(target: ast.expr, owner: str) -> bool:
    """Whether the assignment target sets a status. `self.status` in a class that is not a model
    with a status (an HTTP error's status code) is not a record's."""
    if isinstance(target, ast.Attribute):
        own = isinstance(target.value, ast.Name) and target.value.id == "self"
        return target.attr in STATUS_FIELDS and (not own or owner in MODEL_NAMES)
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_status_targets(element, owner) for element in target.elts)
    if isinstance(target, ast.Starred):
        return _status_targets(target.value, owner)
    return False


def _sets_in_create(call: ast.Call) -> bool:
    for keyword in call.keywords:
        if keyword.arg in STATUS_FIELDS and not _names_the_initial_state(keyword.value):
            return True
        if keyword.arg in {"defaults", "create_defaults"} and isinstance(keyword.value, ast.Dict):
            for key, value in zip(keyword.value.keys, keyword.value.values, strict=True):
                is_status = isinstance(key, ast.Constant) and key.value in STATUS_FIELDS
                if is_status and not _names_the_initial_state(value):
                    return True
    return False


def status_sets(source: str) -> list[tuple[int, str]]:
    """(line, form) of every place in `source` that sets a status: "assign", "update" or "create"."""
    tree = ast.parse(source)
    owners = {}
    for cls in ast.walk(tree):
        if isinstance(cls, ast.ClassDef):
            owners.update({id(node): cls.name for node in ast.walk(cls)})
    found = []
    for node in ast.walk(tree):
        owner = owners.get(id(node), "")
        if (isinstance(node, ast.Assign) and any(_status_targets(t, owner) for t in node.targets)) or (
            isinstance(node, (ast.AugAssign, ast.AnnAssign)) and _status_targets(node.target, owner)
        ):
            found.append((node.lineno, "assign"))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "setattr" and len(node.args) >= 2:
                field = node.args[1]
                if isinstance(field, ast.Constant) and field.value in STATUS_FIELDS:
                    found.append((node.lineno, "assign"))
            elif (name == "update" and any(k.arg in STATUS_FIELDS for k in node.keywords)) or (
                name == "bulk_update"
                and any(isinstance(c, ast.Constant) and c.value in STATUS_FIELDS for c in ast.walk(node))
            ):
                found.append((node.lineno, "update"))
            elif (name in CREATES or name in MODEL_NAMES) and _sets_in_create(node):
                found.append((node.lineno, "create"))
    return found


def _app_modules() -> list[Path]:
    return [path for path in APP.rglob("*.py") if "migrations" not in path.parts and path != THE_MOVE_HELPER]


# --- The scan catches each form ------------------------------------------------------------------------

PLANTED = {
    "assign": [
        "referral.status = 'adopted'",
        "locked.state = 'done'",
        "class Report:\n    def close(self):\n        self.status = 'closed'",
        "before, report.status = report.status, 'closed'",
        "report.status: str = 'closed'",
        "counter.state += 1",
        "setattr(edition, 'status', 'published')",
    ],
    "update": [
        "Referral.objects.filter(pk=1).update(status='adopted')",
        "report.status_changes.all().update(state='x')",
        "Intervention.objects.bulk_update(stopped, ['status'])",
    ],
    "create": [
        "Report.objects.create(kind='worry', status=ReportStatus.CLOSED)",
        "ResponseAction.objects.get_or_create(area=area, defaults={'status': 'done'})",
        "StatisticsEdition.objects.update_or_create(pk=1, status='published')",
        "Report(kind='worry', status='closed')",
    ],
}
LET_THROUGH = [
    "if referral.status == ReferralStatus.ADOPTED: pass",
    "Report.objects.filter(status='closed').count()",
    "Referral.objects.create(reference='x', status=workflow.INITIAL)",
    "Referral.objects.create(reference='x', status=workflow.MACHINE.initial)",
    "render(request, 'page.html', status=404)",
    "CaseRequestRow(request=request, status=status_of(request))",
    "before, after = moves.make_move(report, workflow.MACHINE, 'closed')",
    "Report.objects.filter(pk=1).update(urgency='urgent')",
    "class ApiError(Exception):\n    def __init__(self, status):\n        self.status = status",
]


@pytest.mark.parametrize(
    ("form", "line"), [(form, line) for form, lines in PLANTED.items() for line in lines]
)
def test_the_scan_finds_each_way_of_setting_a_status(form, line):
    assert [found for _, found in status_sets(line)] == [form]


@pytest.mark.parametrize("line", LET_THROUGH)
def test_the_scan_lets_reads_and_initial_states_through(line):
    assert status_sets(line) == []


def test_the_move_helper_sets_the_field_it_checked():
    calls = [node for node in ast.walk(ast.parse(THE_MOVE_HELPER.read_text())) if isinstance(node, ast.Call)]
    assert [ast.unparse(c) for c in calls if ast.unparse(c.func) == "setattr"] == [
        "setattr(obj, field, after)"
    ]


def test_editing_a_referrals_details_cannot_reach_its_status():
    # The edit sets fields by name (setattr), so its list of names must not hold the status.
    assert not STATUS_FIELDS & set(EDITABLE_FIELDS)


def test_the_admin_shows_statuses_read_only():
    for model, model_admin in admin.site._registry.items():
        if model._meta.label in MACHINES:
            request = RequestFactory().get("/")
            assert "status" in model_admin.get_readonly_fields(request, None), model._meta.label


# --- No module but the move helper sets a status ------------------------------------------------------


def test_no_module_but_the_move_helper_sets_a_status():
    offenders, used = [], set()
    for path in _app_modules():
        relative = path.relative_to(APP).as_posix()
        lines = path.read_text().splitlines()
        for number, form in status_sets(path.read_text()):
            if (relative, form) in EXEMPT:
                used.add((relative, form))
                continue
            offenders.append(f"commonground/{relative}:{number} ({form}): {lines[number - 1].strip()}")
    assert offenders == [], (
        "Change a status through core/actions/moves.py (make_move), checked against the entity's "
        "table:\n" + "\n".join(offenders)
    )
    assert used == set(EXEMPT), f"Exemptions no longer needed: {sorted(set(EXEMPT) - used)}"


# --- Each table matches its model and stays pure ------------------------------------------------------


def test_every_model_with_a_status_has_a_table():
    assert set(_app_models_with_a_status()) == set(MACHINES)


@pytest.mark.parametrize("label", sorted(MACHINES))
def test_the_table_has_the_models_statuses_labels_and_initial_state(label):
    model, machine = _app_models_with_a_status()[label], MACHINES[label]
    field = model._meta.get_field("status")
    assert {value: str(name) for value, name in field.choices} == dict(machine.labels)
    assert field.default == machine.initial
    assert machine.reachable_from(machine.initial) == set(machine.states)
    for state in machine.final:
        assert machine.reachable_from(state) == {state}


@pytest.mark.parametrize("name", PURE_TABLES)
def test_the_table_module_imports_no_django(name):
    tree = ast.parse((APP / name).read_text())
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [module for module in imported if module.split(".")[0] == "django"]


def test_importing_the_tables_loads_no_django():
    # A fresh interpreter, since this test session has Django loaded already.
    modules = ["commonground." + name.removesuffix(".py").replace("/", ".") for name in PURE_TABLES]
    imports = "; ".join(f"import {module}" for module in modules)
    check = "import sys; assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'"
    subprocess.run(
        [sys.executable, "-c", f"{imports}; {check}"],
        check=True,
        cwd=APP.parent,
        env={"PYTHONPATH": str(APP.parent)},
    )
