"""An audit event of a change is written by an action (`<app>/actions/…`), in the transaction of
the change it records, never by a view, form, admin, signal receiver or query. The modules below
write events for reasons of their own; the list may only shrink."""

import ast
from pathlib import Path

from django.conf import settings

APP_CODE = Path(settings.BASE_DIR, "commonground")
WRITERS = {"record", "record_each"}

ALLOWED_OUTSIDE_ACTIONS = {
    # The audit trail's own machinery: the audit of reads, and the trail's retention sweep.
    "core/audit_reads.py": "the audit of reading personal data, called by queries",
    "core/audit_retention.py": "the trail's own retention sweep, sealed in the chain",
    # Exports are reads: the query that builds the document records that it was produced.
    "safeguarding/queries/documents.py": "panel packs, audited as read",
    "safeguarding/queries/subject_access.py": "subject access exports, audited as read",
    "insights/queries/editions.py": "the quarterly report PDF, audited as read",
    "tension/queries/weekly.py": "the weekly report PDF, audited as read",
    # A command-line generator for benchmarks, writing a whole dataset in one transaction.
    "insights/synthetic/dataset.py": "the synthetic dataset, made and removed from the command line",
}


def _writes_audit_events(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if node.func.attr in WRITERS and isinstance(owner, ast.Name) and owner.id == "audit":
                return True
    return False


def _app_modules() -> list[Path]:
    return [path for path in APP_CODE.rglob("*.py") if "migrations" not in path.parts]


def test_only_actions_write_audit_events():
    offenders = [
        name
        for path in _app_modules()
        if "actions" not in path.relative_to(APP_CODE).parts
        and (name := path.relative_to(APP_CODE).as_posix()) not in ALLOWED_OUTSIDE_ACTIONS
        and _writes_audit_events(path)
    ]
    assert offenders == [], "Record these audit events in an action:\n" + "\n".join(sorted(offenders))


def test_the_list_of_exceptions_names_only_modules_that_still_need_it():
    stale = [name for name in ALLOWED_OUTSIDE_ACTIONS if not _writes_audit_events(APP_CODE / name)]
    assert stale == [], "These modules no longer write audit events; take them off the list: " + ", ".join(
        stale
    )
