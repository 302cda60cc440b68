from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "commonground.core"
    label = "core"
    verbose_name = "Common Ground core"

    def ready(self) -> None:
        # Signal receivers (sign-in auditing, role sync after migrate) and system checks.
        from commonground.core import checks, scoping, signals, waiting, work_links  # noqa: F401

        waiting.register_core_lists()
        work_links.register_core_links()
