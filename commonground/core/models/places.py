from django.db import models


class AreaLevel(models.TextChoices):
    COMBINED_AUTHORITY = "combined_authority", "Combined authority"
    BOROUGH = "borough", "Borough"
    WARD = "ward", "Ward"


# The level each level sits under; a combined authority is the top.
PARENT_LEVEL = {
    AreaLevel.BOROUGH: AreaLevel.COMBINED_AUTHORITY,
    AreaLevel.WARD: AreaLevel.BOROUGH,
}


class AreaQuerySet(models.QuerySet):
    def boroughs(self) -> "AreaQuerySet":
        return self.filter(level=AreaLevel.BOROUGH)

    def wards(self) -> "AreaQuerySet":
        return self.filter(level=AreaLevel.WARD)

    def combined_authorities(self) -> "AreaQuerySet":
        return self.filter(level=AreaLevel.COMBINED_AUTHORITY)


class Area(models.Model):
    """A place in the hierarchy combined authority → borough → ward, keyed by its ONS (GSS) code."""

    code = models.CharField(max_length=9, unique=True, help_text="ONS GSS code, for example E08000001.")
    name = models.CharField(max_length=120)
    level = models.CharField(max_length=20, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # GeoJSON geometry (WGS84 longitude/latitude), for server-rendered maps.
    boundary = models.JSONField(null=True, blank=True)
    label_longitude = models.FloatField(null=True, blank=True)
    label_latitude = models.FloatField(null=True, blank=True)
    # Census 2021 usual residents; null where no figure is published for the area (e.g. new wards).
    population = models.PositiveIntegerField(null=True, blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["level", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level=AreaLevel.COMBINED_AUTHORITY) | models.Q(parent__isnull=False),
                name="area_below_top_has_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PopulationFigure(models.Model):
    """One Census figure for an area: a dimension (sex, religion, …) and a category within it."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="population_figures")
    census_year = models.PositiveSmallIntegerField(default=2021)
    dimension = models.CharField(max_length=40)
    category = models.CharField(max_length=200)
    count = models.PositiveIntegerField()
    source_table = models.CharField(max_length=60)

    class Meta:
        ordering = ["area", "dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "census_year", "dimension", "category"], name="one_figure_per_category"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.dimension}/{self.category}: {self.count}"


class Postcode(models.Model):
    """A live postcode and the ward it lies in (from the ONS Postcode Directory)."""

    postcode = models.CharField(max_length=8, unique=True, help_text="Upper case, single space: 'BL2 6PN'.")
    ward = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="postcodes")
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode
