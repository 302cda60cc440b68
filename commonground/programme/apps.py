from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "commonground.programme"
    label = "programme"
    verbose_name = _("Programme monitoring")

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.programme import retention as _retention  # noqa: F401 (declares the schedule)
        from commonground.programme import scoping, tasks, waiting, work_links  # noqa: F401

        waiting.register_lists()
        work_links.register_links()
        tasks.register_schedule()
