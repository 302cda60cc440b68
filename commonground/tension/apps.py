from django.apps import AppConfig


class TensionConfig(AppConfig):
    name = "commonground.tension"
    label = "tension"
    verbose_name = "Community tension monitoring"

    def ready(self) -> None:
        from commonground.tension import scoping  # noqa: F401
