from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "commonground.sharing"
    label = "sharing"
    verbose_name = _("Information sharing agreements")

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.core import notifications
        from commonground.sharing import notices, retention, scoping, waiting  # noqa: F401

        waiting.register()
        notifications.register_sweep(notices.agreement_review_due_sweep)
