"""Axis ticks: round numbers for values, whole days, months or years for dates (no Django)."""

import math
from datetime import date, timedelta


def value_ticks(maximum: float, *, whole: bool = True, target: int = 5) -> list[float]:
    """Ticks from 0 to at least `maximum` in steps of 1, 2 or 5 times a power of ten.

    `whole` keeps every step a whole number (counts); nothing to show still gives 0 and 1.
    """
    if maximum <= 0:
        return [0, 1]
    rough = maximum / target
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    if whole:
        step = max(1, round(step))
    count = math.ceil(maximum / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def date_ticks(first: date, last: date, *, most: int = 8) -> list[tuple[date, str]]:
    """At most `most` labelled ticks between `first` and `last`: days, months or years by the span."""
    span = (last - first).days
    if span <= 0:
        return [(first, f"{first.day} {first:%b %Y}")]
    if span <= 62:
        step = next(s for s in (1, 2, 7, 14, 31) if span // s + 1 <= most)
        return [
            (day, f"{day.day} {day:%b}")
            for day in (first + timedelta(days=i * step) for i in range(span // step + 1))
        ]
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next(s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months // s + 1 <= most)
    start = date(first.year, first.month, 1) if first.day == 1 else _add_months(first, 1)
    if step >= 12:
        start = date(first.year if (first.month, first.day) == (1, 1) else first.year + 1, 1, 1)
        while start.year % (step // 12):
            start = date(start.year + 1, 1, 1)
    elif step > 1:
        while (start.month - 1) % step:
            start = _add_months(start, 1)
    ticks, day = [], start
    while day <= last:
        label = f"{day:%Y}" if step >= 12 else f"{day:%b %Y}"
        ticks.append((day, label))
        day = _add_months(day, step)
    return ticks
