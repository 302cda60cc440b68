"""When a subject access request must be answered (UK GDPR article 12(3)). Pure: no Django.

One calendar month from the day it was received: the same day of the next month, or that month's
last day when it has no such day (received 31 January, due 28 or 29 February). Where requests are
complex or numerous the period may be extended by up to two further months, the person told why
within the first month; so an extension counts whole months from the day of receipt too."""

import calendar
from datetime import date

MAX_EXTENSION_MONTHS = 2
DUE_SOON_DAYS = 7


def months_after(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_on(received_on: date, extension_months: int = 0) -> date:
    if not 0 <= extension_months <= MAX_EXTENSION_MONTHS:
        raise ValueError(f"An extension is of one or two months, not {extension_months}")
    return months_after(received_on, 1 + extension_months)


def days_left(due: date, today: date) -> int:
    return (due - today).days


def is_due_soon(due: date, today: date) -> bool:
    return days_left(due, today) <= DUE_SOON_DAYS
