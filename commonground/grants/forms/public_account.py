"""Signing in: the applicant types their email and gets a link."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("What is your email address?"),
        help_text=_("We will email you a link to sign in. You do not need a password"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class PasswordSignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=200,
        strip=False,
        error_messages={"required": _("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SetPasswordForm(forms.Form):
    """A password is optional: the emailed link always works too."""

    password = forms.CharField(
        label=_("New password"),
        help_text=_("At least 12 characters. Three or four random words are easy to remember"),
        max_length=200,
        strip=False,
        error_messages={"required": _("Enter a password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Type the password again"),
        max_length=200,
        strip=False,
        error_messages={"required": _("Type the password again")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if len(password) < 12:
            raise forms.ValidationError(_("The password must be 12 characters or more"))
        return password

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("password") and cleaned.get("password_again") != cleaned["password"]:
            self.add_error("password_again", _("The passwords are not the same"))
        return cleaned
