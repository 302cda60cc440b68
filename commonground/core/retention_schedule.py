"""The retention schedule: how long each kind of record that can hold a person is kept, and what
happens at the end. Every model of ours declares one (or says it holds no personal data, and why);
system check `core.E007` fails for a model that does neither, as `core.E001` does for scope rules
(decision 0020).
The privacy notice is generated from these declarations, so the notice cannot disagree with the
software; each declaration names the task that enforces it.

Apps declare in their `retention.py` (imported by their AppConfig.ready()):

    retention_schedule.declare(
        "reports.Report",
        what=_("Reports to the report line"),
        setting="REPORT_RETENTION_DAYS",
        starts=_("from the day the report is closed"),
        at_the_end=AtTheEnd.ANONYMISE,
        enforced_by="commonground.reports.tasks.apply_report_retention",
    )
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

Words = str | Promise


class AtTheEnd(models.TextChoices):
    ERASE = "erase", _("Erased")
    ANONYMISE = "anonymise", _("Personal details removed; what is needed for statistics is kept")
    REVIEW = "review", _("Reviewed by a data protection officer, then erased or kept with a reason")


@dataclass(frozen=True)
class Retention:
    label: str  # "app_label.ModelName", lower-cased
    what: Words  # what the records are, in the words of the privacy notice
    starts: Words  # from when the period runs
    at_the_end: AtTheEnd
    enforced_by: str  # dotted path of the task (or action) that applies the period
    setting: str | None = None  # the setting holding the period in days
    days: int | None = None  # a fixed period, where no setting names it
    # For a record kept as long as another lives (a message of a report), the record that decides.
    follows: str | None = None
    # For a record reviewed at the end with no listing of its own: the date field the period runs
    # from, so the data protection officers' home lists what is past it (core/retention_review.py).
    review_from: str | None = None

    @property
    def period_days(self) -> int | None:
        if self.setting is not None:
            return int(getattr(settings, self.setting))
        return self.days


_SCHEDULE: dict[str, Retention] = {}

# Models of ours that hold nothing about a person, each with the reason.
NO_PERSONAL_DATA: dict[str, str] = {}


def declare(
    label: str,
    *,
    what: Words,
    starts: Words,
    at_the_end: AtTheEnd,
    enforced_by: str,
    setting: str | None = None,
    days: int | None = None,
    follows: str | None = None,
    review_from: str | None = None,
) -> None:
    if (setting is None) == (days is None) and follows is None:
        raise ValueError(f"{label}: give exactly one of setting= or days= (or follows= another record).")
    _SCHEDULE[label.lower()] = Retention(
        label=label.lower(),
        what=what,
        starts=starts,
        at_the_end=at_the_end,
        enforced_by=enforced_by,
        setting=setting,
        days=days,
        follows=follows.lower() if follows else None,
        review_from=review_from,
    )


def declare_no_personal_data(label: str, reason: str) -> None:
    NO_PERSONAL_DATA[label.lower()] = reason


def follow_all(parent: str, labels: list[str], *, what: Words, enforced_by: str) -> None:
    """Records that live and die with `parent` (a report's messages, a case's notes)."""
    for label in labels:
        declare(
            label,
            what=what,
            starts=_("kept as long as the record they belong to"),
            at_the_end=AtTheEnd.ERASE,
            enforced_by=enforced_by,
            follows=parent,
        )


def no_personal_data(reason: str, *labels: str) -> None:
    for label in labels:
        declare_no_personal_data(label, reason)


def schedule() -> list[Retention]:
    return sorted(_SCHEDULE.values(), key=lambda entry: entry.label)


def retention_for(label: str) -> Retention | None:
    return _SCHEDULE.get(label.lower())


@dataclass(frozen=True)
class NoticeRow:
    what: Words
    kept_for: Words
    starts: Words
    at_the_end: Words


def period_in_words(days: int) -> str:
    if days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}
    if days % 30 == 0:
        months = days // 30
        return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def notice() -> list[tuple[str, list[NoticeRow]]]:
    """The schedule as the privacy notice publishes it: per capability, one row per kind of record
    (records kept as long as another are named once, beside it), in the words of the declarations
    and with the periods the settings hold now."""
    from django.apps import apps

    groups: dict[str, list[NoticeRow]] = {}
    seen: set[tuple[str, str | None]] = set()
    for entry in schedule():
        key = (str(entry.what), entry.follows)
        if key in seen:
            continue
        seen.add(key)
        if entry.follows is not None:
            parent = _SCHEDULE[entry.follows]
            kept_for: Words = _("as long as: %(record)s") % {"record": parent.what}
        else:
            kept_for = period_in_words(entry.period_days or 0)
        app_label = entry.label.split(".", 1)[0]
        capability = str(apps.get_app_config(app_label).verbose_name)
        groups.setdefault(capability, []).append(
            NoticeRow(
                what=entry.what, kept_for=kept_for, starts=entry.starts, at_the_end=entry.at_the_end.label
            )
        )
    return sorted(groups.items())
