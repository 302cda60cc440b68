"""The form of the subject access export: the reason (kept in the audit trail) and the format."""

from django import forms

REASON_REQUIRED = "Give the reason for this subject access export"


class SubjectAccessForm(forms.Form):
    reason = forms.CharField(
        label="Why are you producing this export?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the reference of the subject access request. The reason is kept in the audit trail.",
        error_messages={"required": REASON_REQUIRED},
    )
    # Set by the button pressed: "Download JSON" or "Download PDF".
    format = forms.ChoiceField(choices=[("json", "JSON"), ("pdf", "PDF")], required=False)
