from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "commonground.core"
    label = "core"
    verbose_name = "Common Ground core"

    def ready(self) -> None:
        # Signal receivers (sign-in auditing, role sync after migrate) and system checks.
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.core import checks, scoping, signals, waiting_lists, work_links  # noqa: F401

        waiting_lists.register_core_lists()
        work_links.register_core_links()
