from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardingConfig(AppConfig):
    name = "commonground.safeguarding"
    label = "safeguarding"
    verbose_name = _("Safeguarding casework (Prevent and Channel)")

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.core import notifications as staff_notifications
        from commonground.core import schedule
        from commonground.safeguarding import (  # noqa: F401
            notifications,
            scoping,
            sensitivity,
            tasks,
            waiting,
            work_links,
        )
        from commonground.safeguarding import retention as _retention  # noqa: F401 (declares the schedule)
        from commonground.safeguarding.queries import retention

        waiting.register_lists()
        work_links.register_links()
        schedule.register(schedule.Scheduled("0 8 * * 1-5", tasks.chase_overdue_information_requests))
        schedule.register(schedule.Scheduled("0 5 * * *", tasks.list_records_past_retention))
        staff_notifications.register_sweep(notifications.overdue_information_requests_sweep)
        staff_notifications.register_sweep(notifications.exit_reviews_due_sweep)
        schedule.register(schedule.Scheduled("25 * * * *", tasks.remove_expired_panel_packs))
        retention.register_waiting_list()
