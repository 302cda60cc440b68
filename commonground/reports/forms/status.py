from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.reports.forms.public import LongText
from commonground.reports.models import SharingPartner


class ReporterMessageForm(forms.Form):
    body = LongText(
        label=_("Send a message to the team"),
        help_text=_("Do not include anything you do not want the team to know."),
        max_length=5000,
        required_message=_("Enter your message"),
    )


class ConsentForm(forms.Form):
    share_with = forms.MultipleChoiceField(
        label=_("Who may we share your report with?"),
        help_text=_("Select all that apply. Untick to withdraw your agreement."),
        widget=forms.CheckboxSelectMultiple,
        choices=SharingPartner.choices,
        required=False,
    )

    def __init__(self, *args, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["share_with"].initial = [partner for partner, given in current.items() if given]
