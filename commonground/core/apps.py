from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "commonground.core"
    label = "core"
    verbose_name = _("Common Ground core")

    def ready(self) -> None:
        # Signal receivers (sign-in auditing, role sync after migrate) and system checks.
        # Imported here, not at the top: models may be imported only once the apps are loaded.
        # Emergency access and the access review: their retention and its daily task.
        from commonground.core import (  # noqa: F401  # noqa: F401
            checks,
            retention_access_review,
            retention_review,
            schedule,
            scoping,
            signals,
            tasks_access_review,
            waiting_lists,
            work_links,
        )
        from commonground.core import retention as _retention  # noqa: F401 (declares the schedule)

        schedule.register(
            schedule.Scheduled("25 4 * * *", tasks_access_review.remove_access_review_records_past_retention)
        )
        waiting_lists.register_core_lists()
        retention_review.register_review_list()
        work_links.register_core_links()
