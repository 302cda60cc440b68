"""Forms of the core app, with the GOV.UK Design System's wording for labels, hints and errors."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from commonground.core import recovery_codes
from commonground.core.form_helpers import DATE_FORMATS
from commonground.core.models import AuditAction, NotificationDelivery


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Your username or password is not right. Check them and try again. "
            f"After {settings.AXES_FAILURE_LIMIT} wrong attempts you will need to wait "
            f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} minutes before trying again."
        ),
        "inactive": "This account has been switched off. Ask your administrator.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code, for example 123456",
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("The code must be 6 digits, for example 123456")
        return code


class SignInCodeForm(SecondFactorCodeForm):
    """At sign-in, the code from the app or one of the recovery codes issued at set-up."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            "The 6-digit code, for example 123456. If you do not have your phone, "
            "enter one of your recovery codes instead"
        )

    def clean_code(self) -> str:
        code = recovery_codes.normalised(self.cleaned_data["code"])
        if recovery_codes.looks_like_recovery_code(code):
            return code
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(
                "The code must be 6 digits, for example 123456, or a recovery code, for example abcd-2345"
            )
        return code

    @property
    def is_recovery_code(self) -> bool:
        return not self.cleaned_data["code"].isdigit()


class ResetPasswordForm(PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        help_text="The address on your staff account. We will send a link to reset your password.",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields[
            "new_password1"
        ].help_text = "At least 12 characters. A few unrelated words make a good password."
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Search by name or agency", required=False, max_length=100)


class AuditSearchForm(forms.Form):
    person = forms.CharField(
        label="Person",
        required=False,
        max_length=100,
        help_text="A reference such as core.user:12, or part of a name",
    )
    actor = forms.CharField(label="Done by (username)", required=False, max_length=150)
    object_type = forms.CharField(
        label="Type of record", required=False, max_length=100, help_text="For example, core.user"
    )
    object_id = forms.CharField(label="Record number", required=False, max_length=64)
    action = forms.ChoiceField(
        label="What was done", required=False, choices=[("", "Anything"), *AuditAction.choices]
    )
    date_from = forms.DateField(
        label="From date",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2026",
        error_messages={"invalid": "Enter the from date as day/month/year, for example 27/3/2026"},
    )
    date_to = forms.DateField(
        label="To date",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="For example, 31/3/2026",
        error_messages={"invalid": "Enter the to date as day/month/year, for example 31/3/2026"},
    )
    outside_scope_only = forms.BooleanField(label="Only records opened outside normal scope", required=False)

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return cleaned


class NotificationSettingsForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How do you want to hear about your notifications by email?",
        help_text="Every notification is also listed on your notifications page. Emails only say what kind "
        "of work it is and link to it: sign in to see it.",
        choices=NotificationDelivery.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how you want to hear about your notifications",
            "invalid_choice": "Select how you want to hear about your notifications",
        },
    )
