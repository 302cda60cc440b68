from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "commonground.insights"
    label = "insights"
    verbose_name = "Insights and transparency"

    def ready(self) -> None:
        from commonground.insights import scoping, waiting  # noqa: F401

        waiting.register_lists()
