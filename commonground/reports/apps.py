from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "commonground.reports"
    label = "reports"
    verbose_name = _("Report and advice line")

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.core import notifications as staff_notifications
        from commonground.core import schedule
        from commonground.reports import (  # noqa: F401
            call_backs,
            checks,
            notifications,
            scoping,
            tasks,
            waiting,
            work_links,
        )
        from commonground.reports import retention as _retention  # noqa: F401 (declares the schedule)

        call_backs.register()

        waiting.register_lists()
        work_links.register_links()
        schedule.register(schedule.Scheduled("*/15 * * * *", tasks.remove_abandoned_photos))
        schedule.register(schedule.Scheduled("40 4 * * *", tasks.apply_retention))
        staff_notifications.register_sweep(notifications.overdue_reports_sweep)
