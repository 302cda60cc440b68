from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "commonground.insights"
    label = "insights"
    verbose_name = _("Insights and transparency")

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.core import schedule
        from commonground.insights import retention as _retention  # noqa: F401 (declares the schedule)
        from commonground.insights import scoping, tasks, waiting, work_links  # noqa: F401

        waiting.register_lists()
        work_links.register_links()
        # Spikes of the latest complete week feed the tension alerts (once per change).
        schedule.register(schedule.Scheduled("15 6 * * *", tasks.alert_incident_spikes))
        # The incidents dashboard's monthly totals (kept an hour), renewed before they expire.
        schedule.register(schedule.Scheduled("*/30 * * * *", tasks.warm_dashboard_totals))
