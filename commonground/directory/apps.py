from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "commonground.directory"
    label = "directory"
    verbose_name = "Reporting centres and meeting spaces"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.directory import scoping  # noqa: F401
