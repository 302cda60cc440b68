"""The two rules of the directories, as properties: shown to the public only when published and
its latest audit meets the standard; overdue when never audited or audited longer ago than the
period. The rules stay pure: importing them loads no Django."""

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import commonground
from commonground.directory import listing_rules
from commonground.directory.listing_rules import (
    DOES_NOT_MEET,
    MEETS,
    MEETS_WITH_ACTIONS,
    overdue_for_audit,
    shown_to_public,
    status_in_words,
)

results = st.sampled_from([None, "", MEETS, MEETS_WITH_ACTIONS, DOES_NOT_MEET])
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))
periods = st.integers(min_value=1, max_value=3 * 365)


@given(published=st.booleans(), result=results)
def test_shown_exactly_when_published_and_meeting_the_standard(published, result):
    expected = published and result in (MEETS, MEETS_WITH_ACTIONS)
    assert shown_to_public(published=published, latest_audit_result=result) is expected


@given(result=results)
def test_a_withdrawn_entry_is_never_shown(result):
    assert not shown_to_public(published=False, latest_audit_result=result)


@given(published=st.booleans())
def test_never_audited_or_failing_is_hidden(published):
    assert not shown_to_public(published=published, latest_audit_result=None)
    assert not shown_to_public(published=published, latest_audit_result=DOES_NOT_MEET)


@given(today=days, period=periods)
def test_never_audited_is_overdue(today, period):
    assert overdue_for_audit(latest_audit_on=None, today=today, period_days=period)


@given(today=days, period=periods, age=st.integers(min_value=0, max_value=5 * 365))
def test_overdue_exactly_when_older_than_the_period(today, period, age):
    audited_on = today - timedelta(days=age)
    assert overdue_for_audit(latest_audit_on=audited_on, today=today, period_days=period) is (age > period)


@given(today=days, period=periods, age=st.integers(min_value=0, max_value=5 * 365))
def test_the_query_boundary_agrees_with_the_rule(today, period, age):
    audited_on = today - timedelta(days=age)
    boundary = listing_rules.audited_before_which_is_overdue(today, period)
    assert (audited_on <= boundary) is overdue_for_audit(
        latest_audit_on=audited_on, today=today, period_days=period
    )


@given(published=st.booleans(), result=results, today=days, period=periods)
def test_the_status_in_words_says_shown_only_when_shown(published, result, today, period):
    words = status_in_words(
        published=published, latest_audit_result=result, latest_audit_on=None, today=today, period_days=period
    )
    assert (words[0] == "Shown to the public") is shown_to_public(
        published=published, latest_audit_result=result
    )
    assert "Never audited" in words


def test_importing_the_rules_loads_no_django():
    root = Path(commonground.__file__).parent.parent
    check = "import sys; assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'"
    subprocess.run(
        [sys.executable, "-c", f"import commonground.directory.listing_rules; {check}"],
        check=True,
        cwd=root,
        env={"PYTHONPATH": str(root)},
    )
