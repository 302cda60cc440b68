from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    name = "commonground.calendar"
    label = "community_calendar"
    verbose_name = _("#WeStandTogether calendar")

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.calendar import retention as _retention  # noqa: F401 (declares the schedule)
        from commonground.calendar import scoping, work_links  # noqa: F401

        work_links.register()
