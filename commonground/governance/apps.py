from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "commonground.governance"
    label = "governance"
    verbose_name = _("Information governance")

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        from commonground.core import legal_holds, notifications, schedule
        from commonground.governance import notices, retention, scoping, tasks, waiting, work_links  # noqa: F401
        from commonground.governance.actions.holds import held_pks

        for scheduled in tasks.SCHEDULED:
            schedule.register(scheduled)
        work_links.register()
        waiting.register_lists()
        notifications.register_sweep(notices.subject_access_due_sweep)
        legal_holds.register(held_pks)
