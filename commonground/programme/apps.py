from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "commonground.programme"
    label = "programme"
    verbose_name = "Programme monitoring"

    def ready(self) -> None:
        from commonground.programme import scoping  # noqa: F401
