"""When a directory entry is shown to the public, and when it is overdue for its audit.

Pure Python (no Django), so the rules can be read, tested and reused on their own. The query that
lists entries for the public (`queries/public.py`) expresses `shown_to_public` in SQL; a test holds
the two equal."""

from datetime import date, timedelta

MEETS = "meets"
MEETS_WITH_ACTIONS = "meets_with_actions"
DOES_NOT_MEET = "does_not_meet"

# An entry listed to the public has been audited and meets the standard (with or without actions).
LISTED_RESULTS = frozenset({MEETS, MEETS_WITH_ACTIONS})

DEFAULT_AUDIT_PERIOD_DAYS = 365


def shown_to_public(*, published: bool, latest_audit_result: str | None) -> bool:
    """Published, and its latest audit meets the standard. Never audited, or a latest audit that
    does not meet it, keeps the entry hidden until an audit finds that it meets it."""
    return published and latest_audit_result in LISTED_RESULTS


def audit_due_on(latest_audit_on: date | None, period_days: int) -> date | None:
    """The last day an entry is in date; None when it has never been audited (due now)."""
    if latest_audit_on is None:
        return None
    return latest_audit_on + timedelta(days=period_days)


def overdue_for_audit(*, latest_audit_on: date | None, today: date, period_days: int) -> bool:
    """Never audited, or its latest audit is older than the audit period."""
    due_on = audit_due_on(latest_audit_on, period_days)
    return due_on is None or today > due_on


def audited_before_which_is_overdue(today: date, period_days: int) -> date:
    """The latest audit date that makes an entry overdue today (for a query: `latest_audit_on <`
    the day after this, or never audited)."""
    return today - timedelta(days=period_days + 1)


def status_in_words(
    *,
    published: bool,
    latest_audit_result: str | None,
    latest_audit_on: date | None,
    today: date,
    period_days: int,
) -> list[str]:
    """An entry's status as staff read it in the list, most important first."""
    words: list[str] = []
    if not published:
        words.append("Withdrawn: hidden from the public")
    elif latest_audit_result is None or latest_audit_result == "":
        words.append("Hidden from the public until an audit finds it meets the standard")
    elif latest_audit_result == DOES_NOT_MEET:
        words.append("Hidden from the public: its latest audit does not meet the standard")
    else:
        words.append("Shown to the public")
    if latest_audit_on is None:
        words.append("Never audited")
    elif overdue_for_audit(latest_audit_on=latest_audit_on, today=today, period_days=period_days):
        words.append(f"Overdue for audit (last audited {latest_audit_on:%-d %B %Y})")
    return words
