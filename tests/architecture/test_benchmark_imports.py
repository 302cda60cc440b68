"""`make bench` imports the app's modules by name; a module split or a function moved must take the
benchmarks with it, or the figures stop being measured without any test noticing."""

import ast
import importlib
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def _names_the_benchmarks_import() -> list[tuple[str, str, str]]:
    wanted = []
    for path in sorted(BENCHMARKS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("commonground"):
                wanted += [(path.name, node.module or "", alias.name) for alias in node.names]
    return wanted


def _resolves(module_name: str, name: str) -> bool:
    module = importlib.import_module(module_name)
    if hasattr(module, name):
        return True
    try:
        importlib.import_module(f"{module_name}.{name}")
    except ImportError:
        return False
    return True


def test_every_name_the_benchmarks_import_exists():
    wanted = _names_the_benchmarks_import()
    assert len(wanted) > 20  # the benchmarks were found and read
    missing = [
        f"{file}: from {module} import {name}" for file, module, name in wanted if not _resolves(module, name)
    ]
    assert missing == []


def test_a_moved_name_is_caught():
    assert not _resolves("commonground.safeguarding.actions.information", "answer_information_request")
    assert _resolves("commonground.safeguarding.actions.information_answers", "answer_information_request")
