"""The public report journeys, used as a new person would use them: links followed and buttons
clicked by their words, fields found by their labels, nothing posted behind the page's back.

Every page reached is checked on the way (see `Walk.arrived`): it answered, nothing it loads
failed, "If someone is in danger now, call 999" is on it, and, where asked, axe-core finds no
WCAG 2.2 A/AA violation and the page does not scroll sideways.
"""

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.utils import timezone, translation
from PIL import Image
from playwright.sync_api import Locator, Page, expect

from commonground.reports import demo as reports_demo
from commonground.reports.models import Report
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

# Crockford's base 32 without I, L, O and U (commonground/reports/references.py).
REFERENCE = re.compile(r"CG-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")
DANGER = "If someone is in danger now, call 999."
PHONE_WIDTH = 375
# Migration 0002 seeds the strands and advice pages; the flush after each browser test empties them.
REFERENCE_CONTENT = importlib.import_module("commonground.reports.migrations.0002_reference_content")


@pytest.fixture
def report_site(site_data, live_server, settings, tmp_path):
    """The places and demo accounts, plus what the report line needs: the hostility strands and
    advice pages, and the demo teams reports are routed to."""
    REFERENCE_CONTENT.seed(apps, None)
    reports_demo.load_demo()
    settings.MEDIA_ROOT = tmp_path / "media"  # photos
    settings.SITE_URL = live_server.url  # the status link in emails
    return site_data


def in_language(code: str) -> Callable[[str], str]:
    """The site's words as a reader of `code` sees them (English: unchanged)."""

    def translate(text: str) -> str:
        with translation.override(code):
            return translation.gettext(text)

    return translate


@dataclass
class Walk:
    """One person's way through the site, with the checks every page gets."""

    page: Page
    language: str = "en"
    axe: bool = True
    javascript: bool = True
    narrow: bool = False
    visited: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self):
        def on_response(response):
            if response.status >= 400 and not response.request.is_navigation_request():
                self.problems.append(f"{response.status} for {response.url}")

        def on_console(message):
            if message.type == "error":
                self.problems.append(f"console error on {self.page.url}: {message.text}")

        self.page.on("response", on_response)
        self.page.on("console", on_console)

    def goto(self, path: str) -> None:
        response = self.page.goto(path, wait_until="load")
        assert response is not None and response.status < 400, (
            f"{path} answered {response and response.status}"
        )
        self.arrived()

    def click(self, target: Locator) -> None:
        """Follow a link or press a button, wait for the next page, and check it."""
        with self.page.expect_navigation(wait_until="load") as navigation:
            target.click()
        response = navigation.value
        assert response is not None and response.status < 400, f"{self.page.url} answered {response.status}"
        self.arrived()

    def arrived(self) -> None:
        page = self.page
        self.visited.append(urlsplit(page.url).path + ("?change=1" if "change=1" in page.url else ""))
        assert not self.problems, "; ".join(self.problems)
        assert page.locator("h1").count() == 1, f"{page.url} has {page.locator('h1').count()} <h1>s"
        expect(page.get_by_text(self.t(DANGER))).to_be_visible()
        if self.narrow:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width}px wide at {PHONE_WIDTH}px"
        if self.axe:
            assert_accessible(page)

    # --- Shorthands, in the reader's language --------------------------------------------------
    def t(self, text: str) -> str:
        return in_language(self.language)(text)

    def button(self, text: str) -> Locator:
        return self.page.get_by_role("button", name=self.t(text), exact=True)

    def link(self, text: str) -> Locator:
        return self.page.get_by_role("link", name=self.t(text), exact=True)

    def label(self, text: str) -> Locator:
        return self.page.get_by_label(self.t(text), exact=True)

    def question(self, text: str) -> None:
        """The page asks this question, as its heading, in the reader's language."""
        heading = self.page.get_by_role("heading", level=1)
        expect(heading).to_have_text(self.t(text))
        if self.language != "en":
            assert self.t(text) != text, f"{text!r} is not translated into {self.language}"
            assert text not in self.page.locator("main").inner_text()

    def continue_(self) -> None:
        self.click(self.button("Continue"))

    def error_state(self, message: str) -> None:
        """The GOV.UK error pattern: a summary that takes focus, the message by the field, 'Error:' in the title."""
        summary = self.page.locator(".govuk-error-summary")
        expect(summary.get_by_role("heading", name=self.t("There is a problem"))).to_be_visible()
        expect(summary.get_by_role("link", name=self.t(message))).to_be_visible()
        expect(self.page.locator(".govuk-error-message")).to_contain_text(self.t(message))
        assert self.page.title().startswith(self.t("Error:")), self.page.title()
        if self.javascript:
            # GOV.UK Frontend moves focus to the summary so screen readers announce it (needs JavaScript).
            expect(summary).to_be_focused()


def hate_incident(
    walk: Walk, *, show_error: bool = False, change_an_answer: bool = False, evidence: Path | None = None
) -> str:
    """The hate incident journey from the home page to the confirmation; returns the reference."""
    t = walk.t
    page = walk.page
    walk.goto("/")
    walk.click(walk.link("Report or get advice"))
    walk.click(walk.link("Report a hate incident"))
    walk.click(walk.button("Start now"))

    walk.question("Who did this happen to?")
    walk.label("It happened to me").check()
    walk.continue_()

    walk.question("What happened?")
    if walk.language != "en":
        assert re.search(r"[\u0600-\u06ff]", page.get_by_role("heading", level=1).inner_text())
    if show_error:
        walk.continue_()
        walk.error_state("Enter what happened")
    description = "Two men shouted abuse at me about my religion at the bus stop."
    walk.label("What happened?").fill(description)
    walk.continue_()

    walk.question("Add photos, screenshots or documents (optional)")
    if evidence is not None:
        walk.label("Add photos, screenshots or documents (optional)").set_input_files(evidence)
    walk.continue_()

    walk.question("When did it happen?")
    happened_on = timezone.localdate() - timedelta(days=3)
    walk.label("When did it happen?").fill(f"{happened_on.day}/{happened_on.month}/{happened_on.year}")
    walk.continue_()

    walk.question("Where did it happen?")
    walk.label("In a place, such as a street, shop or bus").check()
    walk.continue_()

    walk.label("Or choose the area").select_option(label="Bolton")
    walk.label("Street or place (optional)").fill("Bradshawgate")
    walk.continue_()

    walk.question("Why do you think it happened?")
    walk.label("Race or ethnicity").check()
    walk.label("Religion or belief").check()
    walk.continue_()

    walk.question("Have you told the police?")
    walk.label("No").check()
    walk.continue_()

    walk.question("Would you like support?")
    walk.label("No, thank you").check()
    walk.continue_()

    walk.question("Who may we share your report with?")
    walk.continue_()  # nothing ticked: share with nobody

    walk.question("Your name (optional)")  # the contact details: left blank
    walk.continue_()

    # Check answers: every answer, as given.
    walk.question("Check your answers before sending your report")
    answers = page.locator(".govuk-summary-list")

    def row(label: str) -> Locator:
        return answers.locator(".govuk-summary-list__row").filter(
            has=page.locator(".govuk-summary-list__key", has_text=t(label))
        )

    expect(row("Who it happened to")).to_contain_text(t("It happened to me"))
    expect(row("What happened")).to_contain_text(description)
    expect(row("When")).to_contain_text(happened_on.strftime("%d/%m/%Y"))
    expect(row("Where")).to_contain_text(t("In a place, such as a street, shop or bus"))
    expect(row("Place")).to_contain_text("Bolton")
    expect(row("Place")).to_contain_text("Bradshawgate")
    expect(row("Why you think it happened")).to_contain_text(t("Race or ethnicity"))
    expect(row("Why you think it happened")).to_contain_text(t("Religion or belief"))
    expect(row("Told the police")).to_have_count(1)
    expect(row("Told the police").locator(".govuk-summary-list__value")).to_have_text(t("No"))
    expect(row("Support")).to_contain_text(t("No, thank you"))
    expect(row("Who we may share it with")).to_contain_text(t("Not given"))
    expect(row("Your contact details")).to_contain_text(t("Not given"))
    if evidence is not None:
        expect(
            page.get_by_role(
                "button", name=f"{t('Remove')} {t('Photo or screenshot %(number)d') % {'number': 1}}"
            )
        ).to_be_visible()

    if change_an_answer:
        # "Change" goes to the question with the answer filled in, and Continue comes straight back.
        walk.click(page.get_by_role("link", name=f"{t('Change')} {t('What happened').lower()}"))
        walk.question("What happened?")
        expect(walk.label("What happened?")).to_have_value(description)
        description = "Two men shouted abuse at me about my religion and my skin colour at the bus stop."
        walk.label("What happened?").fill(description)
        walk.continue_()
        walk.question("Check your answers before sending your report")
        expect(row("What happened")).to_contain_text(description)
        expect(row("Told the police").locator(".govuk-summary-list__value")).to_have_text(t("No"))

    walk.click(walk.button("Send report"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Report sent"))
    reference = page.locator(".cg-reference").inner_text().strip()
    assert REFERENCE.fullmatch(reference), reference
    assert Report.objects.filter(reference=reference, description=description, contact_email="").exists()
    return reference


def private_link(page: Page) -> str:
    link = page.locator(".cg-secret").get_by_role("link")
    href = link.get_attribute("href")
    assert href and "/status/" in href, href
    assert link.inner_text().strip() == href  # shown in full, so it can be copied
    return href


# --- 1 ---------------------------------------------------------------------------------------------
def test_hate_incident_anonymous_in_english(new_context, report_site):
    walk = Walk(new_context().new_page())
    reference = hate_incident(walk, show_error=True, change_an_answer=True)
    status_url = private_link(walk.page)

    # The private link works on its own: a new browser, no cookies.
    elsewhere = Walk(new_context().new_page())
    elsewhere.goto(status_url)
    page = elsewhere.page
    assert page.url.endswith("/status/")  # the secret is no longer in the address
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    expect(page.locator("main .govuk-tag")).to_have_text("Received")

    # A message to the team, listed once sent.
    body = "I remembered that one of them had a red football shirt."
    elsewhere.label("Send a message to the team").fill(body)
    elsewhere.click(elsewhere.button("Send message"))
    expect(page.get_by_text("Your message has been sent.")).to_be_visible()
    expect(page.locator(".govuk-inset-text").filter(has_text=body)).to_have_count(1)
    expect(elsewhere.label("Send a message to the team")).to_have_value("")

    assert walk.visited[:4] == ["/", "/report/", "/report/hate-incident/", "/report/hate-incident/who/"]
    assert "/report/hate-incident/what/?change=1" in walk.visited


# --- 2 ---------------------------------------------------------------------------------------------
def test_community_tension_with_email_and_photo(new_context, report_site, tmp_path, mailoutbox):
    photo = tmp_path / "graffiti.jpg"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo, format="JPEG")
    email = "reporter@example.org"

    walk = Walk(new_context().new_page())
    page = walk.page
    walk.goto("/report/")
    walk.click(walk.link("Report tension in your community"))
    walk.click(walk.button("Start now"))

    walk.question("What is it about?")
    walk.label("Graffiti or stickers").check()
    walk.continue_()
    walk.question("What did you see or hear?")
    walk.label("What did you see or hear?").fill("Stickers with a hateful slogan on the lamp posts.")
    walk.continue_()
    walk.question("When did it happen?")
    walk.continue_()  # not sure: left blank
    walk.label("In a place, such as a street, shop or bus").check()
    walk.continue_()
    walk.label("Or choose the area").select_option(label="Bolton")
    walk.continue_()

    walk.question("Upload photos (optional)")
    walk.label("Upload photos (optional)").set_input_files(photo)
    walk.continue_()

    walk.label("Email address (optional)").fill(email)
    walk.continue_()
    walk.question("Check your answers before sending your report")
    expect(page.get_by_text("1 photo added.")).to_be_visible()
    expect(page.locator(".govuk-summary-list")).to_contain_text(email)

    walk.click(walk.button("Send report"))
    reference = page.locator(".cg-reference").inner_text().strip()
    assert REFERENCE.fullmatch(reference), reference
    expect(page.get_by_text(f"We have sent your reference and your private link to {email}.")).to_be_visible()
    status_url = private_link(page)
    assert Report.objects.get(reference=reference).photos.count() == 1

    # The email went once the report was stored (the live server runs in this process).
    assert len(mailoutbox) == 1, [m.subject for m in mailoutbox]
    message = mailoutbox[0]
    assert message.to == [email]
    assert reference in message.subject and reference in message.body
    links = re.findall(r"https?://\S+/status/\S+", message.body)
    assert links == [status_url], message.body

    elsewhere = Walk(new_context().new_page())
    elsewhere.goto(links[0])
    expect(elsewhere.page.get_by_role("heading", level=1)).to_contain_text(reference)
    expect(elsewhere.page.locator("main .govuk-tag")).to_have_text("Received")


# --- 3 ---------------------------------------------------------------------------------------------
def test_worried_about_someone_asks_for_a_call_back(new_context, report_site):
    walk = Walk(new_context().new_page())
    page = walk.page
    walk.goto("/report/")
    walk.click(walk.link("Get advice if you are worried about someone"))

    # Advice before any question.
    main = page.locator("main")
    expect(main).to_contain_text("not a criminal record")
    expect(main).to_contain_text("call 999")
    walk.click(walk.button("Continue"))

    walk.question("What would you like to do?")
    walk.label("Ask for a call back from a trained advisor").check()
    walk.continue_()
    walk.question("What has worried you?")
    walk.label("What has worried you?").fill(
        "My nephew has started sharing violent videos about other groups."
    )
    walk.continue_()
    walk.label("Which area do they live in?").select_option(label="Bolton")
    walk.continue_()

    # A call back needs a number.
    expect(walk.label("Phone number")).to_be_visible()
    walk.label("Your name (optional)").fill("Sam")
    walk.continue_()
    walk.error_state("Enter a phone number so that an advisor can call you back")
    expect(walk.label("Your name (optional)")).to_have_value("Sam")
    walk.label("Phone number").fill("07700 900982")
    walk.continue_()

    walk.question("Check your answers before sending your report")
    expect(page.locator(".govuk-summary-list")).to_contain_text("07700 900982")
    walk.click(walk.button("Send report"))
    reference = page.locator(".cg-reference").inner_text().strip()
    assert REFERENCE.fullmatch(reference), reference
    report = Report.objects.get(reference=reference)
    assert (report.worry_route, report.contact_phone) == ("call_back", "07700 900982")


# --- 4 ---------------------------------------------------------------------------------------------
def test_hate_incident_in_urdu(new_context, report_site):
    walk = Walk(new_context().new_page())
    page = walk.page
    walk.goto("/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "en")
    walk.language = "ur"
    assert walk.t("Who did this happen to?") != "Who did this happen to?", "no Urdu catalogue"
    walk.click(page.get_by_role("navigation", name="Language").get_by_role("link", name="اردو"))
    expect(html).to_have_attribute("lang", "ur")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    reference = hate_incident(walk, show_error=True)

    # Every page stayed in Urdu, right to left.
    expect(html).to_have_attribute("lang", "ur")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert Report.objects.get(reference=reference).language == "ur"

    # The private link, in the same browser (so still in Urdu).
    walk.goto(private_link(page))
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
    expect(page.locator("main .govuk-tag")).to_have_text(walk.t("Received"))


# --- 6 ---------------------------------------------------------------------------------------------
def test_hate_incident_with_a_screenshot_of_online_abuse(new_context, report_site, tmp_path):
    screenshot = tmp_path / "abusive-post.png"
    Image.new("RGB", (360, 640), (250, 250, 250)).save(screenshot, format="PNG")
    walk = Walk(new_context().new_page())
    reference = hate_incident(walk, evidence=screenshot)
    attached = Report.objects.get(reference=reference).photos.get()
    assert attached.content_type == "image/png"
    assert "/report/hate-incident/evidence/" in walk.visited


# --- 5 ---------------------------------------------------------------------------------------------
def test_hate_incident_on_a_small_phone_without_javascript(new_context, report_site):
    context = new_context(
        java_script_enabled=False,
        viewport={"width": PHONE_WIDTH, "height": 800},
        is_mobile=True,
        has_touch=True,
    )
    walk = Walk(context.new_page(), axe=False, javascript=False, narrow=True)
    hate_incident(walk, show_error=True, change_an_answer=True)
    assert "js-enabled" not in (walk.page.locator("body").get_attribute("class") or "")
    walk.goto(private_link(walk.page))
    # Without JavaScript too, the link lands on the secret-free page, whose form sends a message.
    assert urlsplit(walk.page.url).path == "/status/"
    walk.label("Send a message to the team").fill("Sent from a phone without JavaScript.")
    walk.click(walk.button("Send message"))
    expect(walk.page.get_by_text("Your message has been sent.")).to_be_visible()
    assert urlsplit(walk.page.url).path == "/status/"
    assert len(walk.visited) >= 17
