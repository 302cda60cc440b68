"""The retention schedule: how long each kind of record that can hold a person is kept, and what
happens at the end. Every model of ours is to declare one (or say it holds no personal data, and why);
a system check will fail for a model that does neither, as `core.E001` does for scope rules, once
the older models declare theirs (decision 0020).
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
    )


def declare_no_personal_data(label: str, reason: str) -> None:
    NO_PERSONAL_DATA[label.lower()] = reason


def schedule() -> list[Retention]:
    return sorted(_SCHEDULE.values(), key=lambda entry: entry.label)


def retention_for(label: str) -> Retention | None:
    return _SCHEDULE.get(label.lower())
