"""The staff home lists each role's work from one registry, the service navigation comes from the
same registry, and the development-only quick look (no second factor) keeps the menu and says,
on every staff page, that the second factor is off."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from commonground.core import work_links
from commonground.core.roles import ROLE_PERMISSIONS, Role
from tests.architecture.test_url_permissions import EXPECTED
from tests.conftest import signed_in
from tests.factories import BOLTON, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

QUICK_LOOK = override_settings(DEBUG=True, DEMO_SKIP_SECOND_FACTOR=True)


def _user(role: Role):
    return UserFactory(agency=AgencyFactory(serves=[BOLTON]), roles=[role])


def _navigation(html: str) -> list[str]:
    menu = html.split('id="navigation"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'class="govuk-service-navigation__link" href="([^"]+)"', menu)


def _main(html: str) -> str:
    return html.split('id="main-content"', 1)[1]


def test_the_helpline_advisor_starts_every_part_of_their_work_from_home():
    html = _main(signed_in(_user(Role.HELPLINE_ADVISOR)).get(reverse("core:staff-home")).content.decode())
    for label, url_name in [
        ("Log a call", "reports:helpline-new"),
        ("Call-back queue", "reports:call-backs"),
        ("Find a caller&#x27;s report by its reference", "reports:helpline-find-report"),
        ("Enter a report for someone", "reports:on-behalf-new"),
        ("Refer someone you are worried about", "safeguarding:refer"),
    ]:
        assert f'href="{reverse(url_name)}">{label}</a>' in html
    assert reverse("reports:staff-queue") not in html  # not the advisor's work


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        (Role.REPORTING_CENTRE_WORKER, "reports:on-behalf-new"),
        (Role.TRIAGE_OFFICER, "reports:staff-queue"),
        (Role.TENSION_ANALYST, "tension:dashboard"),
        (Role.PROGRAMME_MANAGER, "insights:editions"),
        (Role.PROGRAMME_MANAGER, "admin:reports_contentpage_changelist"),
        (Role.DATA_PROTECTION_OFFICER, "core:audit-search"),
        (Role.DATA_PROTECTION_OFFICER, "reports:staff-sharing-decisions"),
        (Role.SYSTEM_ADMINISTRATOR, "admin:index"),
        (Role.SYSTEM_ADMINISTRATOR, "admin:reports_routingrule_changelist"),
    ],
)
def test_each_role_s_home_links_to_its_work(role, url_name):
    html = _main(signed_in(_user(role)).get(reverse("core:staff-home")).content.decode())
    assert f'href="{reverse(url_name)}"' in html


def test_every_navigation_entry_is_also_on_the_home_page_for_every_role():
    for role in Role:
        html = signed_in(_user(role)).get(reverse("core:staff-home")).content.decode()
        navigation = _navigation(html)
        assert navigation[0] == reverse("core:staff-home")
        main = _main(html)
        assert [url for url in navigation[1:] if f'href="{url}"' not in main] == [], role


def test_every_registered_link_opens_for_every_role_that_is_shown_it():
    """A home link never leads to a refusal: checked against the URL permission matrix."""
    wrong = []
    for link in work_links.registered():
        samples = EXPECTED[link.url_name]
        for role, permissions in ROLE_PERMISSIONS.items():
            if link.permission in permissions and not any(
                expected[role.value] == 200 for _, expected in samples
            ):
                wrong.append(f"{link.label} ({link.url_name}) for {role.label}")
        reverse(link.url_name)  # needs no arguments: a home link is a starting point
    assert wrong == []


def test_with_the_second_factor_skipped_staff_keep_their_menu_and_are_told_it_is_off():
    user = _user(Role.TRIAGE_OFFICER)
    client = Client()
    client.force_login(user)  # a password alone: no second factor passed
    with QUICK_LOOK:
        html = client.get(reverse("core:staff-home")).content.decode()
        queue = client.get(reverse("reports:staff-queue")).content.decode()
    assert reverse("reports:staff-queue") in _navigation(html)
    for page in (html, queue):
        assert "The second factor is off" in page


def test_with_the_second_factor_in_use_no_banner_shows():
    html = signed_in(_user(Role.TRIAGE_OFFICER)).get(reverse("core:staff-home")).content.decode()
    assert reverse("reports:staff-queue") in _navigation(html)
    assert "The second factor is off" not in html


def test_a_signed_in_person_who_has_not_passed_the_second_factor_sees_no_staff_menu():
    client = Client()
    client.force_login(_user(Role.TRIAGE_OFFICER))
    html = client.get(reverse("core:accessibility")).content.decode()
    assert _navigation(html) == []
    assert "Sign out" in html
