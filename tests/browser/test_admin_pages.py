"""The Django admin under the service's content security policy: its own scripts run (the two-list
role picker is drawn by one) and the browser refuses nothing."""

import pytest

from commonground.core.models import User
from tests.browser.conftest import open_page, sign_in

pytestmark = pytest.mark.browser


def test_admin_pages_work_under_the_content_security_policy(page, site_data, live_server):
    sign_in(page, "admin")
    colleague = User.objects.get(username="triage")
    for path in (
        "/admin/",
        "/admin/core/user/",
        f"/admin/core/user/{colleague.pk}/change/",
        "/admin/core/agency/add/",
        "/admin/reports/team/add/",
        "/admin/core/rolegrantrequest/",
    ):
        visit = open_page(page, live_server.url + path)
        assert visit.status == 200, path
        assert visit.problems == [], f"{path}: {visit.problems}"

    open_page(page, f"{live_server.url}/admin/core/user/{colleague.pk}/change/")
    # SelectFilter2.js replaces the plain list with the two-list picker only if scripts may run.
    assert page.locator("#id_groups_from").count() == 1
