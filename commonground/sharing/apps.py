from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "commonground.sharing"
    label = "sharing"
    verbose_name = "Information sharing agreements"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.sharing import retention, scoping  # noqa: F401
