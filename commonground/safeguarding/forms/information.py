"""Forms of information requests, both ways: the coordinator's request to an agency, an agency's
question to the coordinator, an answer, an amended answer (with its reason), a message in the
request's thread, and the data protection officer's reason to open a record outside scope."""

from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from commonground.core.form_helpers import DATE_FORMATS
from commonground.safeguarding import queries
from commonground.safeguarding.actions.information import (
    ANSWER_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    REASON_MAX_LENGTH,
)


def _due_on(label: str, missing: str, past: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2027",
        error_messages={
            "required": missing,
            "invalid": f"{missing} as day/month/year, for example 27/3/2027",
            "past": past,
        },
    )


# The mixin is used with forms.Form; the type checker is told so, the class itself stays a plain mixin.
if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


class _DueOnNotPast(_FormBase):
    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise ValidationError(self.fields["due_on"].error_messages["past"])
        return due_on


class SendInformationRequestForm(_DueOnNotPast, forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency to ask",
        queryset=queries.agencies_to_ask(),
        empty_label="Select an agency",
        error_messages={"required": "Select the agency to ask", "invalid_choice": "Select the agency to ask"},
    )
    question = forms.CharField(
        label="Your question",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The agency will see your question, the person's name and date of birth, and who asked: "
        "nothing else about the referral. Do not include details of the concern they do not need.",
        error_messages={
            "required": "Enter the question to ask",
            "max_length": f"The question must be {QUESTION_MAX_LENGTH} characters or fewer",
        },
    )
    due_on = _due_on(
        "Answer needed by",
        "Enter the date the answer is due",
        "The date the answer is due must be today or in the future",
    )


class AskCoordinatorForm(_DueOnNotPast, forms.Form):
    question = forms.CharField(
        label="Your question",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The safeguarding coordinators of the case read it and answer here.",
        error_messages={
            "required": "Enter your question",
            "max_length": f"The question must be {QUESTION_MAX_LENGTH} characters or fewer",
        },
    )
    due_on = _due_on(
        "Answer needed by",
        "Enter the date you need the answer by",
        "The date you need the answer by must be today or in the future",
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Share only what is relevant to the question. You can amend it later, giving the reason.",
        error_messages={
            "required": "Enter your answer",
            "max_length": f"Your answer must be {ANSWER_MAX_LENGTH} characters or fewer",
        },
    )


class AmendAnswerForm(forms.Form):
    answer = forms.CharField(
        label="Amended answer",
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The earlier answer is kept, with who wrote it and when.",
        error_messages={
            "required": "Enter the amended answer",
            "max_length": f"The answer must be {ANSWER_MAX_LENGTH} characters or fewer",
        },
    )
    reason = forms.CharField(
        label="Why are you amending the answer?",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Give the reason for amending the answer",
            "max_length": f"The reason must be {REASON_MAX_LENGTH} characters or fewer",
        },
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For a follow-up question or anything the other side needs to know about this request.",
        error_messages={
            "required": "Enter your message",
            "max_length": f"Your message must be {MESSAGE_MAX_LENGTH} characters or fewer",
        },
    )


class OutsideScopeReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a subject access request or a complaint. The reason is kept in the audit trail.",
        error_messages={"required": "Give the reason you need to open this record"},
    )
