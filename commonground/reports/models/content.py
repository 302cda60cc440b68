"""The advice content people read on the public pages."""

from django.conf import settings
from django.db import models


class ContentPage(models.Model):
    """An advice page for the public, written by staff (Markdown; shown sanitised)."""

    slug = models.SlugField(max_length=80)
    language = models.CharField(max_length=10, default="en")
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField(help_text="Markdown: headings (##), lists, links and paragraphs.")
    draft_translation = models.BooleanField(
        default=False,
        help_text="A translation not yet checked by a native speaker: readers see a notice saying so.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["slug", "language"]
        constraints = [models.UniqueConstraint(fields=["slug", "language"], name="one_page_per_language")]

    def __str__(self) -> str:
        return self.title
