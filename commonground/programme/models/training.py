"""Front-line training: courses with a refresher period, sessions, attendance and completion, who
counts as front-line staff, and the refresher reminders already sent (one per refresher)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class Course(models.Model):
    key = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    refresher_months = models.PositiveSmallIntegerField(
        help_text="Months after completion a refresher is due."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(refresher_months__gte=1), name="course_refresher_at_least_a_month"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class TrainingSession(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    online = models.BooleanField(default=False)
    place = models.CharField(max_length=300, blank=True)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    trainer_name = models.CharField(
        max_length=200, blank=True, help_text="A trainer from outside the partnership."
    )
    organising_agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    capacity = models.PositiveIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["course", "starts_at"], name="session_course_date")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_has_capacity"),
            models.CheckConstraint(
                condition=Q(online=True) | ~Q(place=""), name="session_has_place_or_online"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} on {self.starts_at:%Y-%m-%d}"


class AttendanceStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    ATTENDED = "attended", "Attended, not completed"
    COMPLETED = "completed", "Completed"
    ABSENT = "absent", "Did not attend"


class Attendance(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.BOOKED
    )
    completed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "person"]
        indexes = [
            # A person's record, and coverage: latest completion per person and course.
            models.Index(fields=["person", "status", "completed_on"], name="attendance_person_done"),
            models.Index(fields=["status", "completed_on"], name="attendance_completed"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_attendance_per_person_session"),
            models.CheckConstraint(
                condition=Q(status=AttendanceStatus.COMPLETED, completed_on__isnull=False)
                | (~Q(status=AttendanceStatus.COMPLETED) & Q(completed_on__isnull=True)),
                name="completion_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.session}"


class FrontLineStaff(models.Model):
    """Marks a member of staff as front-line: the denominator of training coverage."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "front-line staff"

    def __str__(self) -> str:
        return f"{self.person} (front-line)"


class RefresherReminder(models.Model):
    """A reminder sent for one refresher; the unique key is the reminder-once rule in the database."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "course", "due_on"], name="one_reminder_per_refresher"),
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.person}: {self.course} due {self.due_on}"
