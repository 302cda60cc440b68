from django.apps import AppConfig


class TensionConfig(AppConfig):
    name = "commonground.tension"
    label = "tension"
    verbose_name = "Community tension monitoring"

    def ready(self) -> None:
        from commonground.tension import scoping  # noqa: F401
        from commonground.tension.tasks_weekly import register_schedule

        register_schedule()

        from commonground.core import events, schedule
        from commonground.reports.events import REPORT_ERASED, REPORT_SUBMITTED
        from commonground.tension import tasks, waiting, work_links
        from commonground.tension.actions.reports import erase_report_line_copy, record_report_line_tension

        events.subscribe(REPORT_SUBMITTED, record_report_line_tension)
        events.subscribe(REPORT_ERASED, erase_report_line_copy)

        waiting.register_lists()
        work_links.register_links()
        schedule.register(schedule.Scheduled("30 6 * * *", tasks.alert_incidents_above_baseline))
