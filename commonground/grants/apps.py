from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "commonground.grants"
    label = "grants"
    verbose_name = "Community grants"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.grants import scoping  # noqa: F401
