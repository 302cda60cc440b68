"""Applicants: community groups' contacts. They are not staff and are not `core.User`s, so no role,
permission or second factor can ever reach them; they sign in with a link sent to their email (or a
password, if they set one) into a session of their own."""

from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils import timezone


class Applicant(models.Model):
    email = models.EmailField(unique=True, help_text="Stored in lower case.")
    full_name = models.CharField(max_length=200)
    phone = models.CharField(max_length=40, blank=True)
    # Empty when the applicant signs in by email link only.
    password = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_signed_in_at = models.DateTimeField(null=True, blank=True)
    # Used to sign out every session (a changed password, a stolen link).
    session_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def set_password(self, raw_password: str) -> None:
        self.password = make_password(raw_password)

    def check_password(self, raw_password: str) -> bool:
        return bool(self.password) and check_password(raw_password, self.password)


class SignInLink(models.Model):
    """A single-use link, valid for a short while. Only a hash of its secret is stored."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="sign_in_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # Where to go after signing in (a path on this site), e.g. back to an application.
    next_path = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["applicant", "-created_at"])]

    def __str__(self) -> str:
        return f"Sign-in link for {self.applicant_id}"
