"""The data protection officer's forms for sharing agreements: recording or amending one, and
ending one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commonground.core.form_helpers import date_field
from commonground.core.models import Agency
from commonground.sharing.models import Article6Basis, Article9Condition, DataCategory, Schedule1Condition

# The signed agreement, as a PDF: a few pages, scanned at most.
SIGNED_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


class AgreementForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Enter the agreement's title")}
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the sharing is for, in the agreement's words."),
        error_messages={"required": _("Enter the purpose of the sharing")},
    )
    parties = forms.ModelMultipleChoiceField(
        label=_("The agencies that are party to it"),
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least two agencies that share information"),
            "invalid_choice": _("Every party must be an agency of the partnership"),
            "invalid_pk_value": _("Every party must be an agency of the partnership"),
        },
    )
    categories = forms.MultipleChoiceField(
        label=_("The data it covers"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose the categories of data the agreement covers")},
    )
    article_6_basis = forms.ChoiceField(
        label=_("Lawful basis (UK GDPR article 6)"),
        choices=Article6Basis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the lawful basis")},
    )
    article_9_condition = forms.ChoiceField(
        label=_("Condition for special category data (UK GDPR article 9)"),
        choices=[("", _("None: no special category data")), *Article9Condition.choices],
        required=False,
    )
    schedule_1_condition = forms.ChoiceField(
        label=_("Data Protection Act 2018, schedule 1 condition"),
        choices=[("", _("None: no special category data")), *Schedule1Condition.choices],
        required=False,
    )
    starts_on = date_field(
        _("Starts on"),
        invalid=_("Enter the start date as a date, for example 1/4/2026"),
        required_message=_("Enter the date the agreement starts"),
    )
    review_on = date_field(
        _("Review by"),
        invalid=_("Enter the review date as a date, for example 1/4/2027"),
        required_message=_("Enter the date the agreement is to be reviewed"),
    )
    ends_on = date_field(
        _("Ends on (optional)"),
        invalid=_("Enter the end date as a date, for example 31/3/2028"),
        required=False,
    )
    signed_document = forms.FileField(
        label=_("The signed agreement (PDF, optional)"),
        required=False,
        help_text=_("Up to 10 MB."),
    )

    def clean_signed_document(self):
        document = self.cleaned_data.get("signed_document")
        if document is None:
            return None
        if not document.name.lower().endswith(".pdf") or document.content_type not in (
            "application/pdf",
            "application/x-pdf",
        ):
            raise forms.ValidationError(_("The signed agreement must be a PDF"))
        if document.size > SIGNED_DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(_("The signed agreement must be smaller than 10 MB"))
        head = document.read(5)
        document.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError(_("The signed agreement must be a PDF"))
        return document


class EndForm(forms.Form):
    ends_on = date_field(
        _("The last day it is in force"),
        invalid=_("Enter the end date as a date, for example 31/3/2027"),
        required=False,
        help_text=_("Leave it empty to end it today. For example, 31/3/2027"),
    )
