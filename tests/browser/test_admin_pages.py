"""The Django admin under the service's content security policy: its own scripts run (the two-list
role picker is drawn by one) and the browser refuses nothing. Every admin page a system
administrator reaches passes the same accessibility checks as the GOV.UK pages."""

import pytest
from django.contrib import admin

from commonground.core.models import User
from tests.browser.conftest import assert_page_is_sound, open_page, sign_in

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


def _admin_records():
    """Something on every list the administrator sees: the report line's demo teams and routing
    rules, an API token and a request for a second administrator's approval."""
    from commonground.core.actions.api_tokens import issue_api_token
    from commonground.core.actions.roles import request_role_grant
    from commonground.core.models import Agency
    from commonground.core.roles import Role
    from commonground.reports.demo import load_demo as load_report_line_demo

    load_report_line_demo()
    administrator = User.objects.get(username="admin")
    issue_api_token(
        actor=administrator, agency=Agency.objects.first(), name="Partner system", scopes=["areas:read"]
    )
    request_role_grant(
        actor=administrator,
        user=User.objects.get(username="triage"),
        role=Role.DATA_PROTECTION_OFFICER,
        reason="Covering for the officer on leave",
    )


def test_every_admin_page_a_system_administrator_reaches_is_accessible(page, site_data, live_server):
    _admin_records()
    sign_in(page, "admin")
    checked = []

    def check(url: str) -> None:
        visit = open_page(page, url)
        assert_page_is_sound(page, visit)
        checked.append(url)

    base = live_server.url
    check(f"{base}/admin/")
    check(f"{base}/admin/password_change/")
    for model in admin.site._registry:
        meta = model._meta
        visit = open_page(page, f"{base}/admin/{meta.app_label}/{meta.model_name}/")
        if visit.status == 403:
            continue  # not the administrator's: another role's (advice content) or nobody's
        assert_page_is_sound(page, visit)
        checked.append(visit.url)
        add = page.locator("a.addlink")
        first_record = page.locator("#result_list tbody tr a").first
        change_url = first_record.get_attribute("href") if first_record.count() else None
        if add.count():
            check(base + add.first.get_attribute("href"))
        if change_url:
            check(base + change_url)
    # Each list, each add form the administrator may use, each record's page: at least the core ones.
    assert f"{base}/admin/core/user/" in checked
    assert any("/admin/reports/routingrule/" in url and url.endswith("/change/") for url in checked)
    assert len(checked) >= 25
