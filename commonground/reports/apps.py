from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "commonground.reports"
    label = "reports"
    verbose_name = "Report and advice line"

    def ready(self) -> None:
        from commonground.core import schedule
        from commonground.reports import call_backs, checks, scoping, tasks, waiting, work_links  # noqa: F401

        call_backs.register()

        waiting.register_lists()
        work_links.register_links()
        schedule.register(schedule.Scheduled("*/15 * * * *", tasks.remove_abandoned_photos))
        schedule.register(schedule.Scheduled("40 4 * * *", tasks.apply_retention))
