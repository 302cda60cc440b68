"""Each person's own notifications: every member of staff has the pages; someone else's
notification is not found, like a missing one. Marking read is POST only (GET: 405)."""

from commonground.core.models import Notification, NotificationKind
from tests.architecture.roles_matrix import staff_page

EXPECTED = {
    "core:notifications": [({}, staff_page(200))],
    "core:notification-settings": [({}, staff_page(200))],
    "core:notifications-read-all": [({}, staff_page(405))],
    "core:notification": [({"notification_id": "{colleagues_notification}"}, staff_page(404))],
    "core:notification-read": [({"notification_id": "{colleagues_notification}"}, staff_page(405))],
}


def sample_values(agency) -> dict:
    from tests.factories import UserFactory

    colleague = UserFactory(agency=agency)
    notice = Notification.objects.create(
        recipient=colleague,
        kind=NotificationKind.REPORT_IN_QUEUE,
        item_key="reports.report:0",
        subject="Report X is in your team's queue",
        url="/staff/reports/",
    )
    return {"colleagues_notification": notice.pk}
