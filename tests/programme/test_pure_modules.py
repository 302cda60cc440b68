"""The programme's rules stay pure: importing them loads no Django, so they run and test anywhere."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import commonground.programme

PURE_MODULES = ["assessment_workflow", "record_workflows", "training_rules", "project_rules", "framework"]
# Pure modules of core they may build on (themselves checked by the `pure-modules` import contract).
PURE_CORE = {"commonground.core.state_machine"}
PACKAGE = Path(commonground.programme.__file__).parent


@pytest.mark.parametrize("name", PURE_MODULES)
def test_the_module_imports_only_the_standard_library(name):
    tree = ast.parse((PACKAGE / f"{name}.py").read_text())
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    outside = [module for module in imported if module.split(".")[0] not in sys.stdlib_module_names]
    assert [module for module in outside if module not in PURE_CORE] == []


def test_importing_the_modules_loads_no_django():
    # A fresh interpreter, since this test session has Django loaded already.
    imports = "; ".join(f"import commonground.programme.{module}" for module in PURE_MODULES)
    check = "import sys; assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'"
    subprocess.run(
        [sys.executable, "-c", f"{imports}; {check}"],
        check=True,
        cwd=PACKAGE.parent.parent,
        env={"PYTHONPATH": str(PACKAGE.parent.parent)},
    )
