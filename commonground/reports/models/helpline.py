"""The helpline: advice scripts, calls and their outcomes, and call-back requests and attempts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.reports.models.reports import Report


class AdviceScript(models.Model):
    """Advice an advisor gives on the phone, kept as editable content."""

    title = models.CharField(max_length=200, unique=True)
    body = models.TextField()
    is_active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class CallerType(models.TextChoices):
    VICTIM = "victim", _("Someone it happened to")
    WITNESS = "witness", _("A witness")
    FAMILY_FRIEND = "family_friend", _("Family member or friend")
    PROFESSIONAL = "professional", _("A professional")
    OTHER = "other", _("Someone else")


class CallTopic(models.TextChoices):
    HATE_INCIDENT = "hate_incident", _("A hate incident")
    TENSION = "tension", _("Tension in the community")
    WORRY = "worry", _("Worried about someone")
    INFORMATION = "information", _("Information or advice")
    OTHER = "other", _("Something else")


class CallOutcome(models.TextChoices):
    ADVICE_ONLY = "advice_only", _("Advice only")
    SIGNPOSTED = "signposted", _("Signposted to a named service")
    REPORT_CREATED = "report_created", _("Report created")
    SAFEGUARDING_REFERRAL = "safeguarding_referral", _("Safeguarding referral")
    EMERGENCY_SERVICES = "emergency_services", _("Emergency services called")


class HelplineCall(models.Model):
    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField()
    caller_type = models.CharField(max_length=20, choices=CallerType.choices)
    language = models.CharField(max_length=60, default="English")
    interpreter_used = models.BooleanField(default=False)
    topic = models.CharField(max_length=20, choices=CallTopic.choices)
    borough = models.ForeignKey(
        "core.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    advice_given = models.ManyToManyField(AdviceScript, blank=True, related_name="calls")
    outcome = models.CharField(max_length=30, choices=CallOutcome.choices)
    signposted_to = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    report = models.OneToOneField(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="call"
    )
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-taken_at"]

    def __str__(self) -> str:
        return f"Call at {self.taken_at:%Y-%m-%d %H:%M}"


class CallBackRequest(models.Model):
    """A "call me back" worry waiting for a helpline advisor. Open until an advisor speaks to the
    caller, or until enough calls fail and it is passed to a triage officer."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="call_back_request")
    requested_at = models.DateTimeField(auto_now_add=True)
    spoken_at = models.DateTimeField(null=True, blank=True)
    passed_to_triage_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return f"Call-back for {self.report.reference}"

    @property
    def is_open(self) -> bool:
        return self.spoken_at is None and self.passed_to_triage_at is None


class CallBackOutcome(models.TextChoices):
    SPOKE = "spoke", "Spoke to the caller"
    NO_ANSWER = "no_answer", "No answer"
    LEFT_MESSAGE = "left_message", "Left a message"
    WRONG_NUMBER = "wrong_number", "Wrong number"


class CallBackAttempt(models.Model):
    request = models.ForeignKey(CallBackRequest, on_delete=models.CASCADE, related_name="attempts")
    advisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    attempted_at = models.DateTimeField()
    outcome = models.CharField(max_length=20, choices=CallBackOutcome.choices)

    class Meta:
        ordering = ["attempted_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} at {self.attempted_at:%d %b %H:%M}"
