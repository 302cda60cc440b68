"""Forms of the multi-agency panel: a new meeting, the agenda, attendance (from any agency serving
the borough, its own or partnership-wide), the factor discussion, the decision and the attendance
report's period. GOV.UK wording; each cleans to what its action takes."""

from datetime import timedelta
from typing import cast

from django import forms
from django.utils import timezone

from commonground.core.form_helpers import date_field, pick_field
from commonground.safeguarding import panel_rules
from commonground.safeguarding.actions import panels as actions
from commonground.safeguarding.models import ConsentGivenBy, FactorJudgement, PanelOutcome


def _person(user) -> str:
    return f"{user.get_full_name() or user.get_username()} ({user.agency.name})"


class NewMeetingForm(forms.Form):
    location = forms.CharField(label="Location (optional)", required=False, max_length=200)

    def __init__(self, *args, boroughs, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "borough": pick_field("Borough", boroughs, str, message="Select a borough you coordinate"),
            "meets_on": date_field(
                "Date of the meeting",
                required_message="Enter the date of the meeting",
                invalid="Enter the date of the meeting as day/month/year, for example 27/3/2026",
            ),
            "chair": pick_field(
                "Chair",
                people,
                _person,
                message="Select who chairs the panel",
                help_text="Usually the council's lead",
            ),
            "location": self.fields["location"],
        }


def _describe_referral(referral) -> str:
    return f"Referral {referral.pk}: {referral.full_name} ({referral.get_status_display()})"


class AddToAgendaForm(forms.Form):
    def __init__(self, *args, referrals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referral"] = pick_field(
            "Referral", referrals, _describe_referral, message="Select a referral to add to the agenda"
        )

    def offer_only(self, referrals) -> None:
        """Shown again after an error: list only the referrals that may be added (those whose
        names the meeting's page records as read), not every referral it accepted to refuse."""
        cast(forms.ChoiceField, self.fields["referral"]).choices = [("", "Select")] + [
            (str(r.pk), _describe_referral(r)) for r in referrals
        ]


YES_NO = [("yes", "Yes"), ("no", "No")]


class AttendanceForm(forms.Form):
    name = forms.CharField(
        label="Name", required=False, max_length=200, help_text="Left blank: the person's name"
    )
    role = forms.CharField(label="Role (optional)", required=False, max_length=200)
    is_decision_maker = forms.TypedChoiceField(
        label="Can they make decisions for their agency?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        error_messages={"required": "Select whether they can make decisions for their agency"},
    )
    attended = forms.TypedChoiceField(
        label="Did they attend?",
        choices=[("yes", "Attended"), ("no", "Sent apologies")],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        error_messages={"required": "Select whether they attended or sent apologies"},
    )

    def __init__(self, *args, agencies, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "agency": pick_field(
                "Agency",
                agencies,
                lambda a: a.name,
                message="Select the agency they represent",
                required=False,
                empty="Select (or leave it for the member of staff's own agency)",
                help_text="The borough's own agencies and those serving the whole partnership, "
                "such as the police, health and probation",
            ),
            "person": pick_field(
                "Member of staff (optional)",
                people,
                _person,
                message="Select a member of staff, or leave it blank",
                required=False,
                empty="Not a user of this service",
                help_text="Someone chosen here sees the open cases on this panel's agenda while they are "
                "recorded as attending. Leave it blank for someone named above who does not use this service.",
            ),
            **self.fields,
        }

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        if cleaned.get("agency") is None and "agency" not in self.errors:
            person = cleaned.get("person")
            if person is not None and person.agency_id is not None:
                cleaned["agency"] = person.agency
            else:
                self.add_error("agency", "Select the agency they represent")
        return cleaned

    def details(self) -> actions.AttendanceDetails:
        return actions.AttendanceDetails(**self.cleaned_data)


class FactorDiscussionForm(forms.Form):
    """A judgement and the evidence for each factor, grouped by dimension. No totals."""

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        for group in groups:
            pairs = []
            for factor, discussed in group.rows:
                judgement, evidence = f"factor_{factor.pk}", f"evidence_{factor.pk}"
                self.fields[judgement] = forms.ChoiceField(
                    label=factor.label,
                    choices=FactorJudgement.choices,
                    widget=forms.RadioSelect,
                    initial=discussed.judgement if discussed else None,
                    error_messages={"required": f"Select a judgement for “{factor.label}”"},
                )
                self.fields[evidence] = forms.CharField(
                    label=f"Evidence for “{factor.label}” (optional)",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=discussed.evidence if discussed else "",
                )
                pairs.append((factor, judgement, evidence))
            self.groups.append((group.label, pairs))

    def rendered_groups(self):
        return [
            (label, [(self[judgement], self[evidence]) for _, judgement, evidence in pairs])
            for label, pairs in self.groups
        ]

    def judgements(self) -> dict[int, actions.Judgement]:
        return {
            factor.pk: actions.Judgement(self.cleaned_data[judgement], self.cleaned_data[evidence])
            for _, pairs in self.groups
            for factor, judgement, evidence in pairs
            if factor.is_active
        }


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="The panel's decision",
        choices=PanelOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the panel's decision"},
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reasons for the decision"},
    )
    signposted_to = forms.CharField(
        label="Where the person was signposted (if not adopted)", required=False, max_length=300
    )
    consent_given_by = forms.ChoiceField(
        label="Who gave consent (if adopted)",
        choices=ConsentGivenBy.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Support is voluntary. For a child under 18, a parent or guardian must consent.",
    )
    consent_given_on = date_field(
        "Date consent was given (if adopted)",
        required_message="Enter the date consent was given",
        invalid="Enter the date consent was given as day/month/year, for example 27/3/2026",
        required=False,
    )

    def details(self) -> actions.DecisionDetails:
        return actions.DecisionDetails(**self.cleaned_data)


class AttendanceReportForm(forms.Form):
    def __init__(self, *args, boroughs, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["borough"] = pick_field(
            "Borough", boroughs, str, message="Select a borough", required=False, empty="All your boroughs"
        )
        self.fields["date_from"] = date_field(
            "From",
            required_message="Enter the from date",
            invalid="Enter the from date as day/month/year, for example 27/3/2026",
            required=False,
        )
        self.fields["date_to"] = date_field(
            "To",
            required_message="Enter the to date",
            invalid="Enter the to date as day/month/year, for example 27/3/2026",
            required=False,
        )
        self.default_from, self.default_to = today - timedelta(days=365), today

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        date_from = cleaned.get("date_from") or self.default_from
        date_to = cleaned.get("date_to") or self.default_to
        if "date_from" not in self.errors and "date_to" not in self.errors:
            message = panel_rules.period_error(date_from, date_to)
            if message:
                self.add_error("date_to", message)
        cleaned["date_from"], cleaned["date_to"] = date_from, date_to
        return cleaned
