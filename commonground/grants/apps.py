from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "commonground.grants"
    label = "grants"
    verbose_name = _("Community grants")

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.core import schedule
        from commonground.grants import retention as _retention  # noqa: F401 (declares the schedule)
        from commonground.grants import scoping, tasks, tasks_retention, waiting, work_links  # noqa: F401

        waiting.register_lists()
        work_links.register_links()
        tasks.register_sweeps()
        for scheduled in tasks_retention.SCHEDULED:
            schedule.register(scheduled)
