"""The form to record an audit: its date (never in the future), a finding per checklist item (met
or not, with an optional note), the result, a summary, and up to a few actions with due dates."""

from django import forms
from django.utils import timezone

from commonground.core.form_helpers import date_field
from commonground.directory.actions.audits import ActionAgreed, Finding
from commonground.directory.models import AuditChecklistItem, AuditResult

ACTION_ROWS = 4
INVALID_DATE = "Enter a real date, like 27/3/2026"
MET_CHOICES = [("yes", "Met"), ("no", "Not met")]


def _finding_names(item: AuditChecklistItem) -> tuple[str, str]:
    return f"finding_{item.pk}", f"finding_{item.pk}_note"


def _action_names(index: int) -> tuple[str, str]:
    return f"action_{index}_description", f"action_{index}_due_on"


class AuditForm(forms.Form):
    audited_on = date_field(
        "Date of the audit", invalid=INVALID_DATE, required_message="Enter the date of the audit"
    )
    result = forms.ChoiceField(
        label="Result",
        choices=AuditResult.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the result of the audit"},
    )
    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you saw, in a few sentences",
    )

    def __init__(self, data=None, *, checklist: list[AuditChecklistItem], **kwargs):
        super().__init__(data, **kwargs)
        self.checklist = checklist
        for item in checklist:
            met, note = _finding_names(item)
            self.fields[met] = forms.ChoiceField(
                label=item.text,
                choices=MET_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": f"Say whether this was met: {item.text}"},
            )
            self.fields[note] = forms.CharField(label="Note (optional)", required=False, max_length=1000)
        for index in range(ACTION_ROWS):
            description, due_on = _action_names(index)
            self.fields[description] = forms.CharField(
                label=f"Action {index + 1} (optional)", required=False, max_length=1000
            )
            self.fields[due_on] = date_field(
                f"Action {index + 1}: due by", invalid=INVALID_DATE, required=False
            )

    def finding_rows(self):
        return [tuple(self[name] for name in _finding_names(item)) for item in self.checklist]

    def action_rows(self):
        return [tuple(self[name] for name in _action_names(index)) for index in range(ACTION_ROWS)]

    def clean_audited_on(self):
        audited_on = self.cleaned_data["audited_on"]
        today = timezone.localdate()
        if audited_on > today:
            raise forms.ValidationError(f"The date of the audit must be today ({today:%-d %B %Y}) or earlier")
        return audited_on

    def clean(self):
        super().clean()
        data = self.cleaned_data
        audited_on = data.get("audited_on")
        for index in range(ACTION_ROWS):
            description_name, due_name = _action_names(index)
            if due_name in self.errors:
                continue
            description, due_on = data.get(description_name, "").strip(), data.get(due_name)
            if description and due_on is None:
                self.add_error(due_name, f"Enter the date action {index + 1} is due by")
            elif due_on is not None and not description:
                self.add_error(description_name, f"Describe action {index + 1}, or clear its due date")
            elif due_on is not None and audited_on is not None and due_on < audited_on:
                self.add_error(due_name, f"Action {index + 1} must be due on or after the audit")
        if data.get("result") == AuditResult.MEETS_WITH_ACTIONS and not self.actions() and not self.errors:
            self.add_error(
                "action_0_description",
                "Add the actions the place must take, since it meets the standard with actions",
            )
        return data

    def findings(self) -> list[Finding]:
        return [
            Finding(
                item=item,
                met=self.cleaned_data[_finding_names(item)[0]] == "yes",
                note=self.cleaned_data.get(_finding_names(item)[1], ""),
            )
            for item in self.checklist
        ]

    def actions(self) -> list[ActionAgreed]:
        agreed = []
        for index in range(ACTION_ROWS):
            description_name, due_name = _action_names(index)
            description = (self.cleaned_data.get(description_name) or "").strip()
            due_on = self.cleaned_data.get(due_name)
            if description and due_on is not None:
                agreed.append(ActionAgreed(description=description, due_on=due_on))
        return agreed
