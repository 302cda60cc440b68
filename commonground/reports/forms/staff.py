"""Staff forms of the report line: the triage queue's filters and the forms on a report's page
(forms.helpline has the helpline call log, forms.recording the reporting centre's entry form). GOV.UK
wording for labels, hints and errors."""

from typing import cast

from django import forms

from commonground.reports import workflow
from commonground.reports.models import (
    LawfulBasis,
    Report,
    ReportKind,
    ReportStatus,
    Team,
    Urgency,
)
from commonground.reports.queries.queue import QueueCounts, QueueFilters, QueueShows

PUBLIC_NOTE_EXAMPLES = (
    "In plain words, for example “graffiti removed” or “passed to the police with your consent”. "
    "Leave it blank to tell them only the new status."
)


# --- The triage queue and a report's page --------------------------------------------------------


class QueueFilterForm(forms.Form):
    """The queue's tab and filters. Each option of status, kind, team and borough is labelled with
    how many reports it would show (`show_counts`); a team or borough with none is not offered."""

    show = forms.ChoiceField(
        required=False,
        choices=[(QueueShows.OPEN, "Open"), (QueueShows.DONE, "Action taken or closed")],
        widget=forms.HiddenInput,
    )
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any"), *ReportStatus.choices])
    kind = forms.ChoiceField(
        label="Kind of report", required=False, choices=[("", "Any kind"), *ReportKind.choices]
    )
    team = forms.IntegerField(label="Team", required=False, min_value=1, widget=forms.Select)
    borough = forms.IntegerField(label="Borough", required=False, min_value=1, widget=forms.Select)
    my_teams = forms.BooleanField(label="Only reports sent to my teams", required=False)

    def filters(self) -> QueueFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return QueueFilters(
            show=data.get("show") or QueueShows.OPEN,
            status=data.get("status", ""),
            kind=data.get("kind", ""),
            team=data.get("team"),
            borough=data.get("borough"),
            my_teams=data.get("my_teams", False),
        )

    def show_counts(self, counts: QueueCounts, filters: QueueFilters) -> None:
        statuses = workflow.DONE if filters.show == QueueShows.DONE else workflow.OPEN
        any_status = "Any (action taken or closed)" if filters.show == QueueShows.DONE else "Any open status"
        self.fields["status"].widget.choices = [
            ("", any_status),
            *(
                (status, f"{ReportStatus(status).label} ({counts.statuses.get(status, 0)})")
                for status in statuses
            ),
        ]
        self.fields["kind"].widget.choices = [
            ("", "Any kind"),
            *((kind, f"{label} ({counts.kinds.get(kind, 0)})") for kind, label in ReportKind.choices),
        ]
        self.fields["team"].widget.choices = [
            ("", "Any team"),
            *((pk, f"{name} ({count})") for pk, name, count in counts.teams),
        ]
        self.fields["borough"].widget.choices = [
            ("", "Any borough"),
            *((pk, f"{name} ({count})") for pk, name, count in counts.boroughs),
        ]


class ChangeStatusForm(forms.Form):
    to_status = forms.ChoiceField(
        label="New status",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the new status",
            "invalid_choice": "Select a status this report can move to from where it is now",
        },
    )
    reason = forms.CharField(
        label="Reason for the change",
        help_text="For the record. The reporter does not see this.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Give a reason for the change",
            "max_length": "The reason must be 2000 characters or fewer",
        },
    )
    public_note = forms.CharField(
        label="What the reporter will be told (optional)",
        help_text=PUBLIC_NOTE_EXAMPLES,
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "What the reporter will be told must be 300 characters or fewer"},
    )

    def __init__(self, *args, report: Report, **kwargs):
        kwargs.setdefault("auto_id", "status-%s")
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["to_status"]).choices = [
            (status, ReportStatus(status).label) for status in workflow.next_statuses(report.status)
        ]


class UrgencyForm(forms.Form):
    urgency = forms.ChoiceField(
        label="Urgency",
        help_text=(
            "Urgent reports are due for triage within 1 hour of being received; "
            "standard ones within 2 working days."
        ),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the urgency"},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give a reason for the urgency"},
    )

    def __init__(self, *args, report: Report, **kwargs):
        kwargs.setdefault("auto_id", "urgency-%s")
        kwargs.setdefault("initial", {"urgency": report.urgency})
        super().__init__(*args, **kwargs)


class _TeamChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Team) -> str:
        return f"{obj.name} ({obj.agency})"


class AssignTeamsForm(forms.Form):
    teams = _TeamChoiceField(
        label="Teams",
        help_text="Each team's members see the report in their queue.",
        queryset=Team.objects.select_related("agency"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select teams from the list"},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Give a reason for sending the report to these teams"},
    )

    def __init__(self, *args, report: Report, **kwargs):
        kwargs.setdefault("auto_id", "teams-%s")
        kwargs.setdefault("initial", {"teams": [team.pk for team in report.teams.all()]})
        super().__init__(*args, **kwargs)


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Message to the reporter",
        help_text=(
            "They read it through their private status link. If they gave an email address, "
            "they get an email saying there is a new message."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Write a message",
            "max_length": "The message must be 5000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "message-%s")
        super().__init__(*args, **kwargs)


class LinkDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("link", "Link"), ("dismiss", "Not the same event")])


# --- Reports entered by staff for someone else ----------------------------------------------------


class ShareWithoutConsentForm(forms.Form):
    team = forms.ModelChoiceField(
        label="Partner to share with",
        queryset=Team.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the partner to share with",
            "invalid_choice": "Select a partner from the list",
        },
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis",
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the lawful basis for sharing without consent"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Why sharing cannot wait for consent. The data protection officer reads every decision.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reason for sharing without consent"},
    )
    tell_reporter = forms.ChoiceField(
        label="Tell the reporter?",
        choices=[
            ("yes", "Yes, send a message on their status page"),
            ("no", "No, telling them would put someone at risk"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to tell the reporter"},
    )
    not_told_because = forms.CharField(
        label="If not, why would telling them put someone at risk?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, teams, **kwargs):
        kwargs.setdefault("auto_id", "share-%s")
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = teams

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("tell_reporter") == "no" and not cleaned.get("not_told_because", "").strip():
            self.add_error("not_told_because", "Say why telling the reporter would put someone at risk")
        return cleaned

    def action_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "team": data["team"],
            "lawful_basis": data["lawful_basis"],
            "reason": data["reason"],
            "tell_reporter": data["tell_reporter"] == "yes",
            "not_told_because": data["not_told_because"],
        }
