"""Reports and what triage does with them: their kinds and statuses, hostility strands, teams and
routing rules, photos, status changes, messages and suggested links between reports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonground.core import person_keys


class ReportKind(models.TextChoices):
    HATE_INCIDENT = "hate_incident", _("Hate incident")
    COMMUNITY_TENSION = "community_tension", _("Community tension")
    WORRY = "worry", _("Worried about someone")


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    TRIAGED = "triaged", _("Triaged")
    WITH_TEAM = "with_team", _("With a team")
    ACTION_TAKEN = "action_taken", _("Action taken")
    CLOSED = "closed", _("Closed")


class Urgency(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    STANDARD = "standard", _("Standard")


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    HELPLINE = "helpline", _("Helpline")
    REPORTING_CENTRE = "reporting_centre", _("Reporting centre")
    API = "api", _("Partner system")


class ReporterRole(models.TextChoices):
    VICTIM = "victim", _("It happened to me")
    WITNESS = "witness", _("I saw it happen")
    ON_BEHALF = "on_behalf", _("I am reporting for someone else")


class PoliceReported(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("I'm not sure")


class TensionCategory(models.TextChoices):
    GRAFFITI = "graffiti", _("Graffiti or stickers")
    LEAFLETS = "leaflets", _("Leaflets or posters")
    ONLINE = "online", _("Posts or videos online")
    GATHERING = "gathering", _("A gathering, march or protest")
    RUMOUR = "rumour", _("Rumours")
    OTHER = "other", _("Something else")


class WorryRoute(models.TextChoices):
    CALL_BACK = "call_back", _("Ask for a call back from a trained advisor")
    SHARE_DETAILS = "share_details", _("Share details so a safeguarding coordinator can look at it")


class HostilityStrand(models.Model):
    """Versioned reference data: the kinds of hostility a person may perceive (national strands and
    local ones). Editable by administrators; never used to route or decide anything."""

    code = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=100)
    hint = models.CharField(max_length=200, blank=True)
    is_national = models.BooleanField(default=False, help_text="One of the nationally monitored strands.")
    order = models.PositiveSmallIntegerField(default=0)
    active_from = models.DateField(null=True, blank=True)
    active_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class SharingPartner(models.TextChoices):
    POLICE = "police", _("The police")
    VICTIM_SUPPORT = "victim_support", _("Victim support services")
    COUNCIL = "council", _("The council's community safety team")


class Team(models.Model):
    """A team whose queue receives reports, e.g. a council's community safety team."""

    name = models.CharField(max_length=200)
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="teams")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="report_teams")
    contact_email = models.EmailField(blank=True)
    requires_consent = models.CharField(
        max_length=30,
        choices=SharingPartner.choices,
        blank=True,
        help_text="A partner team receives a report only while the reporter agrees to share it with "
        "this partner (or a triage officer records a lawful reason to share without consent). "
        "Leave blank for the partnership's own teams.",
    )
    is_partnership_triage = models.BooleanField(
        default=False,
        help_text="The partnership-wide triage team: it receives every report no routing rule matches.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="team_name_unique_in_agency"),
            models.UniqueConstraint(
                fields=["is_partnership_triage"],
                condition=models.Q(is_partnership_triage=True),
                name="one_partnership_triage_team",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Which team receives which kind of report from which borough. A rule without a borough
    applies everywhere. Several rules may match: the report goes to each matching team."""

    kind = models.CharField(max_length=30, choices=ReportKind.choices)
    borough = models.ForeignKey(
        "core.Area", null=True, blank=True, on_delete=models.CASCADE, related_name="routing_rules"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="routing_rules")

    class Meta:
        ordering = ["kind", "borough__name"]
        constraints = [models.UniqueConstraint(fields=["kind", "borough", "team"], name="one_rule_per_route")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.borough or 'any borough'} → {self.team}"


class Report(models.Model):
    reference = models.CharField(max_length=12, unique=True, editable=False)
    # The private status link's secret is derived from this nonce and the server key (see
    # references.py); only its SHA-256 is stored for lookup. The reference alone opens nothing.
    status_nonce = models.CharField(max_length=32, editable=False)
    status_secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The journey's submission key (web) or the partner's idempotency key (API): one report per key.
    submission_key = models.CharField(max_length=100, unique=True, null=True, blank=True, editable=False)
    kind = models.CharField(max_length=30, choices=ReportKind.choices)
    channel = models.CharField(max_length=30, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.STANDARD)
    submitted_at = models.DateTimeField(auto_now_add=True)
    triage_due_at = models.DateTimeField()
    language = models.CharField(max_length=10, default="en")

    # Where
    borough = models.ForeignKey(
        "core.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ward = models.ForeignKey("core.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    postcode = models.CharField(max_length=8, blank=True)
    street = models.CharField(max_length=200, blank=True)
    is_online = models.BooleanField(default=False)
    online_platform = models.CharField(max_length=100, blank=True)
    online_link = models.URLField(max_length=500, blank=True)

    # What
    happened_on = models.DateField(null=True, blank=True)
    description = models.TextField()
    reporter_role = models.CharField(max_length=20, choices=ReporterRole.choices, blank=True)
    strands = models.ManyToManyField(HostilityStrand, blank=True, related_name="reports")
    reported_to_police = models.CharField(max_length=10, choices=PoliceReported.choices, blank=True)
    wants_support = models.BooleanField(null=True)
    tension_category = models.CharField(max_length=20, choices=TensionCategory.choices, blank=True)
    worry_route = models.CharField(max_length=20, choices=WorryRoute.choices, blank=True)
    person_of_concern = models.TextField(blank=True, help_text="What the reporter chose to share about them.")

    # Who, only if they chose to say
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    # Indexed keys of the contact details for the subject access search (core/person_keys.py), set by
    # save() and cleared with the details.
    search_name = models.CharField(max_length=12, blank=True, editable=False)
    search_email = models.CharField(max_length=254, blank=True, editable=False)
    search_phone = models.CharField(max_length=20, blank=True, editable=False)

    # Staff who entered it (helpline advisor, reporting centre) and for whom
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by_agency = models.ForeignKey(
        "core.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_consent = models.BooleanField(
        null=True, help_text="Reporting centres: the person agreed to this report being shared."
    )

    teams = models.ManyToManyField(Team, blank=True, related_name="reports")
    # Set when no routing rule matched and the report went to the partnership triage team; cleared
    # when a person assigns its teams.
    not_routed_by_rule = models.BooleanField(default=False)
    # Set when the retention sweep erased the personal details, keeping only statistical facts.
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    linked_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="linked_reports"
    )

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["status", "triage_due_at"]),
            models.Index(fields=["kind", "borough", "submitted_at"]),
            # Statistics over every borough: the days at the edges of a period, by kind.
            models.Index(fields=["kind", "submitted_at"], name="report_kind_received"),
            # The subject access search: each key alone.
            models.Index(fields=["search_name"], name="report_search_name"),
            models.Index(fields=["search_email"], name="report_search_email"),
            models.Index(fields=["search_phone"], name="report_search_phone"),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        self.search_name = person_keys.name_key(self.contact_name)
        self.search_email = person_keys.email_key(self.contact_email)
        self.search_phone = person_keys.phone_key(self.contact_phone)[:20]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"contact_name", "contact_email", "contact_phone"} & set(
            update_fields
        ):
            kwargs["update_fields"] = {*update_fields, "search_name", "search_email", "search_phone"}
        super().save(*args, **kwargs)

    @property
    def is_anonymous(self) -> bool:
        return not (self.contact_name or self.contact_email or self.contact_phone)


class ReportPhoto(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="report-photos/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Photo for {self.report}"


class StatusChange(models.Model):
    """Each step of a report, with the reason, and what the reporter is told in plain words."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReportStatus.choices)
    reason = models.TextField()
    public_note = models.CharField(max_length=300, blank=True, help_text="Shown to the reporter.")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report}: {self.from_status or '-'} → {self.to_status}"


class Message(models.Model):
    """The two-way inbox between the reporter (anonymous or not) and the team."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    from_reporter = models.BooleanField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"Message on {self.report}"


class LinkSuggestion(models.Model):
    """Two reports likely about the same event (same kind, nearby, close in time), for a triage
    officer to link or dismiss. Suggested by rule, decided by a person."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        LINKED = "linked", _("Linked")
        DISMISSED = "dismissed", _("Not the same event")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="link_suggestions")
    candidate = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "candidate"], name="one_suggestion_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.report} ~ {self.candidate}"
