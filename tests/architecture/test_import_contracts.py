"""The import contracts in pyproject.toml ([tool.importlinter]) hold: layers (API, insights,
casework and tension, the report line, core), each app's pages, forms, URLs and tasks its own,
private modules private, and the rules, statistics and state machines free of Django."""

import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

PYPROJECT = Path(settings.BASE_DIR, "pyproject.toml")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
EXPECTED_CONTRACTS = {
    "layers",
    "reports-public-parts",
    "safeguarding-public-parts",
    "tension-public-parts",
    "programme-public-parts",
    "grants-public-parts",
    "calendar-public-parts",
    "directory-public-parts",
    "insights-public-parts",
    "governance-public-parts",
    "sharing-public-parts",
    "api-own-parts",
    "private-modules",
    "pure-modules",
}


def test_every_contract_is_still_configured():
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    assert {contract["id"] for contract in config["contracts"]} >= EXPECTED_CONTRACTS


def test_the_code_keeps_every_import_contract():
    result = subprocess.run(
        [str(LINT_IMPORTS), "--config", str(PYPROJECT), "--no-cache"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(EXPECTED_CONTRACTS)} kept, 0 broken" in result.stdout
