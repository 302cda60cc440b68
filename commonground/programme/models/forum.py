"""The partnership forum (meetings with attendees by agency, agenda, minutes and actions) and the
lessons library, each lesson readable by the whole partnership or by named agencies only."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ForumMeeting(models.Model):
    held_at = models.DateTimeField()
    title = models.CharField(max_length=200)
    place = models.CharField(max_length=300, blank=True)
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_at:%Y-%m-%d})"


class ForumAttendee(models.Model):
    meeting = models.ForeignKey(ForumMeeting, on_delete=models.CASCADE, related_name="attendees")
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True, help_text="Someone without an account.")

    class Meta:
        ordering = ["meeting", "agency"]
        constraints = [
            models.CheckConstraint(condition=Q(person__isnull=False) | ~Q(name=""), name="attendee_is_named"),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="one_attendance_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.name} ({self.agency})"


class ForumAction(models.Model):
    meeting = models.ForeignKey(ForumMeeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner_person", "done_on", "due_on"], name="forum_action_owner_due")]

    def __str__(self) -> str:
        return self.description[:60]


class LessonTag(models.Model):
    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Readership(models.TextChoices):
    PARTNERSHIP = "partnership", "The whole partnership"
    NAMED_AGENCIES = "named_agencies", "Named agencies only"


class Lesson(models.Model):
    title = models.CharField(max_length=200)
    what_happened = models.TextField()
    learned = models.TextField()
    changed = models.TextField(blank=True)
    tags = models.ManyToManyField(LessonTag, blank=True, related_name="lessons")
    agencies_concerned = models.ManyToManyField("core.Agency", blank=True, related_name="+")
    readership = models.CharField(max_length=20, choices=Readership.choices, default=Readership.PARTNERSHIP)
    # Read only when readership is "named agencies".
    reader_agencies = models.ManyToManyField("core.Agency", blank=True, related_name="+")
    forum_meeting = models.ForeignKey(
        ForumMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="lessons"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["readership", "-created_at"], name="lesson_readership_recent")]

    def __str__(self) -> str:
        return self.title
