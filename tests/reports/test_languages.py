"""The pages for residents in Urdu (right to left) and Polish: choosing a language, what the pages
then say and how they are laid out, that the catalogues translate every public string, and that
compiling them (without GNU gettext) names the file and entry of anything malformed."""

import ast
import io
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils.translation.template import templatize

from commonground.core.management.commands.compile_translations import catalogues
from commonground.insights import published_words
from commonground.reports import models as report_models
from commonground.reports.models import HostilityStrand, Report
from tests.reports.journeys import HATE_INCIDENT_ANSWERS, send, walk

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "commonground" / "locale"
LANGUAGES = ["ur", "pl"]
PUBLIC_TEMPLATES = [
    Path(settings.BASE_DIR) / "commonground" / "reports" / "templates" / "reports" / "public",
    Path(settings.BASE_DIR) / "commonground" / "templates" / "pages",
    Path(settings.BASE_DIR) / "commonground" / "templates" / "govuk",
    Path(settings.BASE_DIR) / "commonground" / "templates" / "base.html",
    Path(settings.BASE_DIR) / "commonground" / "insights" / "templates" / "insights" / "public",
    *(
        Path(settings.BASE_DIR) / "commonground" / "templates" / f"{name}.html"
        for name in ["400", "403", "403_csrf", "404", "500", "503"]
    ),
]
# The Python modules whose strings residents read: questions, hints, errors, choices, emails.
PUBLIC_MODULES = [
    "commonground/reports/evidence.py",
    "commonground/reports/forms/public.py",
    "commonground/reports/forms/status.py",
    "commonground/reports/journey.py",
    "commonground/reports/notifications.py",
    "commonground/reports/views/public.py",
    "commonground/reports/views/status.py",
    "commonground/insights/views/public.py",
    "commonground/insights/published_words.py",
]
PUBLIC_CHOICES = [
    report_models.ReportKind,
    report_models.ReportStatus,
    report_models.ReporterRole,
    report_models.PoliceReported,
    report_models.TensionCategory,
    report_models.WorryRoute,
    report_models.SharingPartner,
]


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """`make install` compiles the catalogues; do it here too if they are missing or older than the
    .po files, so the tests also run straight after editing a translation."""
    stale = [
        po
        for po in catalogues()
        if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        call_command("compile_translations", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def fresh_translations():
    # Changing LOCALE_PATHS (even to itself) makes Django drop the catalogues it has loaded, so
    # each test reads the compiled files as they are now.
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


@pytest.fixture
def teams():
    from commonground.core.demo import load_demo as load_core_demo
    from commonground.reports.demo import load_demo

    load_core_demo()
    load_demo()


def choose(language: str, next_url: str = "/") -> Client:
    client = Client()
    response = client.get(f"/language/{language}/", {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    return client


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


# --- Choosing a language ----------------------------------------------------------------------------


def test_after_choosing_urdu_the_journey_pages_are_right_to_left_in_urdu():
    client = choose("ur", "/report/hate-incident/who/")
    cookie = client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ur"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"]  # until the browser closes, as the cookies page says

    for path, urdu in [
        ("/report/", "رپورٹ کریں یا مشورہ لیں"),
        ("/report/hate-incident/", "نفرت پر مبنی واقعے کی رپورٹ کریں"),
        ("/report/hate-incident/who/", "یہ کس کے ساتھ ہوا؟"),
        ("/report/community-tension/category/", "یہ کس بارے میں ہے؟"),
        ("/report/worried-about-someone/choice/", "آپ کیا کرنا چاہتے ہیں؟"),
    ]:
        page = client.get(path).content.decode()
        assert 'lang="ur"' in html_tag(page) and 'dir="rtl"' in html_tag(page), path
        assert "/static/stylesheets/application-rtl.css" in page, path
        assert "/static/stylesheets/application.css" not in page, path
        assert urdu in page, path
        assert "اگر کسی کو اس وقت خطرہ ہے تو 999 پر کال کریں" in page, path  # the danger warning
        assert "Skip to main content" not in page and "مرکزی مواد پر جائیں" in page


def test_urdu_error_messages_and_choices():
    client = choose("ur")
    page = client.post("/report/hate-incident/who/", {}).content.decode()
    assert "ایک مسئلہ ہے" in page  # "There is a problem"
    assert "منتخب کریں کہ یہ کس کے ساتھ ہوا" in page  # "Select who this happened to"
    assert "<title>خرابی: " in page  # "Error: " in the title
    assert "یہ میرے ساتھ ہوا" in page  # "It happened to me"


def test_after_choosing_polish_the_pages_are_in_polish_left_to_right():
    client = choose("pl", "/report/hate-incident/who/")
    page = client.get("/report/hate-incident/who/").content.decode()
    assert 'lang="pl"' in html_tag(page) and 'dir="ltr"' in html_tag(page)
    assert "/static/stylesheets/application.css" in page
    assert "application-rtl.css" not in page
    assert "Komu to się przydarzyło?" in page
    assert "Jeśli ktoś jest teraz w niebezpieczeństwie, zadzwoń pod numer 999." in page
    assert "Dalej" in page  # Continue

    start = client.get("/").content.decode()
    assert "Zgłoś lub uzyskaj poradę" in start and 'href="/report/"' in start


def test_english_is_the_default_and_can_be_chosen_back():
    page = Client().get("/").content.decode()
    assert 'lang="en"' in html_tag(page) and 'dir="ltr"' in html_tag(page)
    assert "Report or get advice" in page
    client = choose("ur")
    client.get("/language/en/", {"next": "/"})
    assert "Report or get advice" in client.get("/").content.decode()


def test_a_polish_browser_gets_polish_without_choosing():
    page = Client(headers={"accept-language": "pl-PL,pl;q=0.9,en;q=0.5"}).get("/report/").content.decode()
    assert "Zgłoś lub uzyskaj poradę" in page


@pytest.mark.parametrize(
    "unsafe",
    [
        "https://evil.example/",
        "//evil.example/",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
        "\\\\evil.example",
        "",
    ],
)
def test_an_unsafe_next_goes_to_the_start_page_instead(unsafe):
    response = Client().get("/language/ur/", {"next": unsafe})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ur"


def test_a_next_on_this_site_keeps_its_query():
    response = Client().get("/language/pl/", {"next": "/report/hate-incident/who/?change=1"})
    assert response["Location"] == "/report/hate-incident/who/?change=1"


def test_an_unknown_language_is_not_found_and_only_get_is_allowed():
    assert Client().get("/language/xx/", {"next": "/"}).status_code == 404
    assert Client().post("/language/ur/", {"next": "/"}).status_code == 405


@pytest.mark.parametrize(
    "path", ["/", "/report/", "/report/hate-incident/who/", "/advice/", "/cookies/", "/sign-in/"]
)
def test_every_page_has_the_language_navigation_each_language_in_its_own_script(path):
    page = choose("pl").get(path).content.decode()
    navigation = re.search(r'<nav class="govuk-language-navigation".*?</nav>', page, re.S).group(0)
    assert 'aria-label="Język"' in navigation
    assert re.search(r'<span[^>]*aria-current="true"[^>]*lang="pl"[^>]*>Polski</span>', navigation)
    back = re.escape(f"?next={path}")  # the page itself, to come back to
    assert re.search(rf'<a[^>]*href="/language/en/{back}"[^>]*lang="en"[^>]*>English</a>', navigation)
    assert re.search(
        rf'<a[^>]*href="/language/ur/{back}"[^>]*lang="ur"[^>]*dir="rtl"[^>]*>اردو</a>', navigation
    )


def test_the_cookies_page_lists_the_language_cookie():
    page = Client().get("/cookies/").content.decode()
    assert settings.LANGUAGE_COOKIE_NAME in page
    assert "Remembers the language you chose" in page


# --- A whole journey in Urdu --------------------------------------------------------------------------


def test_a_report_sent_in_urdu_is_confirmed_emailed_and_followed_in_urdu(
    teams, django_capture_on_commit_callbacks
):
    client = choose("ur")
    answers = [
        (step, {**data, "contact_email": "sam@example.org"} if step == "contact" else data)
        for step, data in HATE_INCIDENT_ANSWERS
    ]
    check = walk(client, "hate-incident", answers)
    page = check.content.decode()
    assert "اپنی رپورٹ بھیجنے سے پہلے اپنے جوابات چیک کریں" in page
    assert "مذہب یا عقیدہ" in page  # the strand "Religion or belief", from the database
    assert "تبدیل کریں" in page  # Change

    with django_capture_on_commit_callbacks(execute=True):
        sent = send(client, "hate-incident", check)
    confirmation = client.get(sent["Location"]).content.decode()
    assert "رپورٹ بھیج دی گئی" in confirmation  # Report sent

    report = Report.objects.get()
    assert report.language == "ur"
    assert mail.outbox[0].subject == f"آپ کی رپورٹ {report.reference} موصول ہو گئی ہے"
    assert "آپ کی رپورٹ کا شکریہ" in mail.outbox[0].body

    status_link = re.search(r'href="http://testserver(/status/[^"]+/)"', confirmation).group(1)
    status = client.get(status_link, follow=True).content.decode()
    assert f"آپ کی رپورٹ {report.reference}" in status
    assert "موصول ہو گئی" in status  # the status "Received"


# --- The catalogues -----------------------------------------------------------------------------------

# A msgid as templatize writes it: in single quotes, or in double quotes when it holds an apostrophe.
_QUOTED = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_CALL = re.compile(rf"\b(n?gettext)\(u{_QUOTED}(?:, u{_QUOTED})?")


def _template_msgids() -> dict[str, str]:
    """Every msgid in the public templates, read with Django's own template-to-gettext reader, so a
    string added to a template counts even before anyone runs makemessages. msgid → first file."""
    found = {}
    files = []
    for place in PUBLIC_TEMPLATES:
        files += [place] if place.is_file() else sorted(place.rglob("*.html"))
    for path in files:
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for match in _CALL.finditer(code):
            found.setdefault(ast.literal_eval(match.group(2)), str(path.relative_to(settings.BASE_DIR)))
    return found


def _module_msgids(po: polib.POFile) -> dict[str, str]:
    return {
        entry.msgid: next(file for file, _ in entry.occurrences if file in PUBLIC_MODULES)
        for entry in po
        if any(file in PUBLIC_MODULES for file, _ in entry.occurrences)
    }


def test_the_public_templates_have_strings_to_translate():
    msgids = _template_msgids()
    assert "Check your answers before sending your report" in msgids
    assert "%(counter)s photo added." in msgids
    assert "Skip to main content" in msgids
    assert any(msgid.startswith("<strong>Hate incidents</strong>") for msgid in msgids)  # holds "'"
    assert len(msgids) > 100


def _privacy_notice_msgids() -> set[str]:
    """The words of the privacy notice's retention table, made from every app's declarations: in
    English (no catalogue), a lazy string reads as its msgid."""
    from django.apps import apps
    from django.utils import translation

    from commonground.core import retention_schedule

    with translation.override("en"):
        words = {str(entry.what) for entry in retention_schedule.schedule()}
        words |= {str(entry.starts) for entry in retention_schedule.schedule()}
        words |= {str(label) for label in retention_schedule.AtTheEnd.labels}
        words |= {
            str(app.verbose_name) for app in apps.get_app_configs() if app.name.startswith("commonground.")
        }
    return words | {"as long as: %(record)s", "%(count)d year", "%(count)d month", "%(count)d day"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_translates_every_public_string(language):
    folder = LOCALE / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = {entry.msgid: entry for entry in polib.mofile(str(folder / "django.mo"))}
    wanted = {
        **_template_msgids(),
        **_module_msgids(po),
        **{
            str(label): "commonground/reports/models/"
            for choices in PUBLIC_CHOICES
            for label in choices.labels
        },
        **dict.fromkeys(published_words.TABLE_WORDS, "commonground/insights/published_words.py"),
        **dict.fromkeys(_privacy_notice_msgids(), "the retention table of /privacy/ (a retention.py)"),
        **{
            strand.label: "reports.HostilityStrand (reference data)"
            for strand in HostilityStrand.objects.all()
        },
    }
    missing = []
    for msgid, where in sorted(wanted.items(), key=lambda item: (item[1], item[0])):
        entry = mo.get(msgid)
        translated = entry is not None and (
            all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
        )
        if not translated:
            missing.append(f"{where}: {msgid!r}")
    assert missing == [], (
        f"{len(missing)} public strings have no {language} translation in {folder}:\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_is_marked_as_a_draft_for_review(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert "Machine-assisted draft: to be reviewed by a native speaker before use." in po.header
    assert po.metadata["Language"] == language


# --- Compiling without GNU gettext ----------------------------------------------------------------------

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'


def _catalogue(tmp_path, body: str) -> Path:
    po = tmp_path / "xx" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(HEADER + body, encoding="utf-8")
    return po


def test_compile_translations_writes_mo_files_that_gettext_reads(tmp_path):
    import gettext

    po = _catalogue(
        tmp_path, '#, python-format\nmsgid "Your report %(reference)s"\nmsgstr "Raport %(reference)s"\n'
    )
    with override_settings(LOCALE_PATHS=[tmp_path]):
        call_command("compile_translations", stdout=io.StringIO())
    with po.with_suffix(".mo").open("rb") as compiled:
        assert (
            gettext.GNUTranslations(compiled).gettext("Your report %(reference)s") == "Raport %(reference)s"
        )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # An unterminated string: polib alone would quietly drop the last letter.
        (
            'msgid "Back"\nmsgstr "Wstecz\n',
            r'line 7, in the entry msgid "Back": not valid \.po syntax: msgstr "Wstecz',
        ),
        (
            'msgid "Back"\nmsgstr "Wstecz"\nthis is not po\n',
            r'line 8, in the entry msgid "Back": not valid \.po syntax',
        ),
        ('msgid "Back"\nmsgstr "a"\n\nmsgid "Back"\nmsgstr "b"\n', r'Entry "Back" already exists'),
        (
            '#, python-format\nmsgid "Your report %(reference)s"\nmsgstr "Raport %(numer)s"\n',
            r'msgid "Your report %\(reference\)s": the translation uses %\(numer\)s, which the English does not have',
        ),
        (
            '#, python-format\nmsgid "Up to %(count)d photos, 100%% safe"\nmsgstr "Do %(count)d zdjęć, 100% bezpiecznie"\n',
            r"a % that is not a placeholder",
        ),
        (
            '#, python-format\nmsgid "%(counter)s photo"\nmsgid_plural "%(counter)s photos"\n'
            'msgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\n',
            r'msgid "%\(counter\)s photo": has 3 plural forms but the header\'s Plural-Forms says 2',
        ),
    ],
)
def test_compile_translations_names_the_file_and_entry_of_a_malformed_catalogue(tmp_path, body, expected):
    po = _catalogue(tmp_path, body)
    with override_settings(LOCALE_PATHS=[tmp_path]), pytest.raises(CommandError) as failure:
        call_command("compile_translations", stdout=io.StringIO())
    message = str(failure.value)
    assert message.startswith("Malformed message catalogue:")
    assert str(po) in message
    assert re.search(expected, message), message
    assert not po.with_suffix(".mo").exists()  # nothing written for a broken catalogue


def test_the_real_catalogues_pass_the_check():
    call_command("compile_translations", "--check", stdout=io.StringIO())
