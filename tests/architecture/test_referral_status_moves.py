"""A referral's status changes only through `safeguarding/actions/moves.py`, which checks each step
against the state machine (`safeguarding/workflow.py`): no other module sets it."""

import re
from pathlib import Path

from django.conf import settings

APP = Path(settings.BASE_DIR, "commonground")
THE_ONE_WAY = APP / "safeguarding" / "actions" / "moves.py"
# In casework a locked referral is `locked` or `referral`; querysets of referrals are updated by name.
SETS_STATUS = re.compile(
    r"\b(referral|locked|case)\.status\s*=(?!=)|Referral\.objects\b.*\.update\([^)]*\bstatus\s*="
)


def _casework_modules():
    """Every module that can reach a referral (they all import from the safeguarding app by name),
    so another app's `locked.status` (a tension response's) is not mistaken for one."""
    return [
        path
        for path in APP.rglob("*.py")
        if "migrations" not in path.parts and path != THE_ONE_WAY and "safeguarding" in path.read_text()
    ]


def test_the_check_finds_a_status_set_directly():
    assert SETS_STATUS.search("        locked.status = ReferralStatus.EXITED")
    assert SETS_STATUS.search('Referral.objects.filter(pk=1).update(status="adopted")')
    assert not SETS_STATUS.search("    if referral.status == ReferralStatus.ADOPTED:")
    assert SETS_STATUS.search(THE_ONE_WAY.read_text())


def test_no_module_but_moves_sets_a_referrals_status():
    offenders = []
    for path in _casework_modules():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if SETS_STATUS.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}")
    assert offenders == [], "Change a referral's status through actions/moves.py:\n" + "\n".join(offenders)
