"""The statistics core stays pure: importing it loads no Django, so it runs and tests anywhere."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import commonground.insights

# Files under the package; disclosure is a package of its own.
PURE_MODULES = [
    "statistics",
    "disclosure/__init__",
    "disclosure/tables",
    "disclosure/suppression",
    "disclosure/auditor",
    "edition_audit",
    "surveillance",
    "prevent_targets",
]
PACKAGE = Path(commonground.insights.__file__).parent


@pytest.mark.parametrize("name", PURE_MODULES)
def test_the_module_has_no_django_import(name):
    tree = ast.parse((PACKAGE / f"{name}.py").read_text())
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [module for module in imported if module.split(".")[0] == "django"]


def test_importing_the_modules_loads_no_django():
    # A fresh interpreter, since this test session has Django loaded already.
    modules = [name.removesuffix("/__init__").replace("/", ".") for name in PURE_MODULES]
    imports = "; ".join(f"import commonground.insights.{module}" for module in modules)
    check = "import sys; assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'"
    subprocess.run(
        [sys.executable, "-c", f"{imports}; {check}"],
        check=True,
        cwd=PACKAGE.parent.parent,
        env={"PYTHONPATH": str(PACKAGE.parent.parent)},
    )
