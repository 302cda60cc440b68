from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TensionConfig(AppConfig):
    name = "commonground.tension"
    label = "tension"
    verbose_name = _("Community tension monitoring")

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.core import events, schedule
        from commonground.reports.events import REPORT_ERASED, REPORT_SUBMITTED
        from commonground.tension import retention as _retention  # noqa: F401 (declares the schedule)
        from commonground.tension import scoping, tasks, waiting, work_links  # noqa: F401
        from commonground.tension.actions.reports import erase_report_line_copy, record_report_line_tension

        events.subscribe(REPORT_SUBMITTED, record_report_line_tension)
        events.subscribe(REPORT_ERASED, erase_report_line_copy)

        waiting.register_lists()
        work_links.register_links()
        schedule.register(schedule.Scheduled("30 6 * * *", tasks.alert_incidents_above_baseline))
        schedule.register(schedule.Scheduled("50 4 * * *", tasks.apply_report_text_retention))
        schedule.register(schedule.Scheduled(tasks.WEEKLY_REPORT_CRON, tasks.send_weekly_tension_report))
