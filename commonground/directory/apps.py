from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "commonground.directory"
    label = "directory"
    verbose_name = _("Reporting centres and meeting spaces")

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.core import notifications as staff_notifications
        from commonground.directory import notifications, scoping, waiting, work_links  # noqa: F401
        from commonground.directory import retention as _retention  # noqa: F401 (declares the schedule)

        waiting.register_lists()
        work_links.register_links()
        staff_notifications.register_sweep(notifications.overdue_audits_sweep)
