from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "commonground.grants"
    label = "grants"
    verbose_name = "Community grants"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.grants import scoping, tasks, waiting, work_links  # noqa: F401

        waiting.register_lists()
        work_links.register_links()
        tasks.register_sweeps()
