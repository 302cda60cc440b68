from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "commonground.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding casework (Prevent and Channel)"

    def ready(self) -> None:
        from commonground.safeguarding import scoping, waiting  # noqa: F401

        waiting.register_lists()
