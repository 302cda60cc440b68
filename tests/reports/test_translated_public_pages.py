"""Advice, statistics and error pages in Urdu (right to left) and Polish: the page is in the
reader's language, says when a translation is a draft or missing, and a staff edit is never
overwritten by the translations shipped with a release."""

import importlib

import pytest
from django.apps import apps
from django.test import Client

from commonground.reports.models import ContentPage
from tests.reports.test_languages import (  # noqa: F401 (autouse fixtures)
    choose,
    compiled_catalogues,
    fresh_translations,
    html_tag,
)

pytestmark = pytest.mark.django_db

ADVICE_HEADINGS = {
    "what-is-a-hate-incident": ("نفرت پر مبنی واقعہ کیا ہے", "Czym jest incydent z nienawiści"),
    "what-happens-next": ("رپورٹ کرنے کے بعد کیا ہوتا ہے", "Co dzieje się po zgłoszeniu"),
    "safeguarding-support": (
        "حفاظتی مدد (safeguarding) کیا ہے",
        "Czym jest wsparcie ochronne (safeguarding)",
    ),
    "where-to-get-support": ("مدد کہاں سے حاصل کریں", "Gdzie szukać wsparcia"),
    "how-your-data-is-used": ("آپ کی معلومات کیسے استعمال ہوتی ہیں", "Jak wykorzystujemy Twoje informacje"),
}
URDU_DRAFT = "یہ ترجمہ ابتدائی مسودہ ہے"
POLISH_DRAFT = "To tłumaczenie jest wersją roboczą"


def _seed_translations():
    module = importlib.import_module("commonground.reports.migrations.0008_advice_pages_in_urdu_and_polish")
    module.add_translations(apps, None)


@pytest.mark.parametrize("slug", ADVICE_HEADINGS)
def test_every_advice_page_is_in_urdu_and_polish_marked_as_a_draft(slug):
    urdu, polish = ADVICE_HEADINGS[slug]
    page = choose("ur").get(f"/advice/{slug}/").content.decode()
    assert 'lang="ur"' in html_tag(page) and 'dir="rtl"' in html_tag(page)
    assert f">{urdu}</h1>" in page and URDU_DRAFT in page

    page = choose("pl").get(f"/advice/{slug}/").content.decode()
    assert 'lang="pl"' in html_tag(page) and 'dir="ltr"' in html_tag(page)
    assert f">{polish}</h1>" in page and POLISH_DRAFT in page

    english = Client().get(f"/advice/{slug}/").content.decode()
    assert "draft" not in english.lower()


def test_the_advice_list_is_in_urdu():
    page = choose("ur").get("/advice/").content.decode()
    for urdu, _ in ADVICE_HEADINGS.values():
        assert urdu in page


def test_a_page_not_translated_yet_is_shown_in_english_with_a_note():
    ContentPage.objects.filter(slug="where-to-get-support", language="pl").delete()
    page = choose("pl").get("/advice/where-to-get-support/").content.decode()
    assert 'lang="pl"' in html_tag(page)
    assert '<h1 class="govuk-heading-l" lang="en">Where to get support</h1>' in page
    assert "Ta strona nie została jeszcze przetłumaczona" in page
    assert POLISH_DRAFT not in page


def test_a_reviewed_translation_loses_the_draft_notice_and_is_not_overwritten():
    ContentPage.objects.filter(slug="what-happens-next", language="ur").update(
        title="رپورٹ کے بعد", draft_translation=False
    )
    _seed_translations()  # as a later release re-running the seed would
    page = choose("ur").get("/advice/what-happens-next/").content.decode()
    assert ">رپورٹ کے بعد</h1>" in page and URDU_DRAFT not in page
    assert ContentPage.objects.filter(slug="what-happens-next", language="ur").count() == 1


def test_a_retired_english_page_is_not_brought_back_in_another_language():
    ContentPage.objects.filter(slug="what-happens-next").delete()
    _seed_translations()
    assert not ContentPage.objects.filter(slug="what-happens-next").exists()


@pytest.mark.parametrize(
    "language, direction, heading",
    [("ur", "rtl", "صفحہ نہیں ملا"), ("pl", "ltr", "Nie znaleziono strony"), ("en", "ltr", "Page not found")],
)
def test_the_not_found_page_is_in_the_readers_language(language, direction, heading):
    response = choose(language).get("/advice/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert f'lang="{language}"' in html_tag(page) and f'dir="{direction}"' in html_tag(page)
    assert f">{heading}</h1>" in page


def test_the_server_error_page_is_in_urdu_right_to_left(rf):
    from django.utils import translation

    from commonground.core.views.errors import server_error

    with translation.override("ur"):
        page = server_error(rf.get("/")).content.decode()
    assert 'lang="ur"' in html_tag(page) and 'dir="rtl"' in html_tag(page)
    assert "معذرت، سروس میں کوئی مسئلہ ہے" in page


# --- Public statistics ---------------------------------------------------------------------------------


@pytest.fixture
def published_edition():
    from commonground.core.roles import Role
    from commonground.insights.actions import editions as actions
    from commonground.insights.quarters import Quarter
    from tests.factories import staff
    from tests.insights import editions_data as data

    preparer = staff(Role.PROGRAMME_MANAGER, "E47000001", username="preparer")
    officer = staff(Role.DATA_PROTECTION_OFFICER, "E47000001", username="officer")
    data.fixed_quarter()
    draft = actions.draft_edition(actor=preparer, quarter=Quarter.starting(2026, 2))
    actions.submit_for_approval(actor=preparer, edition=draft)
    actions.approve_edition(actor=officer, edition=draft)
    return actions.publish_edition(actor=preparer, edition=draft)


@pytest.fixture
def august_2026():
    from datetime import datetime

    import time_machine
    from django.utils import timezone

    with time_machine.travel(datetime(2026, 8, 3, 9, 0, tzinfo=timezone.get_fixed_timezone(60)), tick=False):
        yield


def test_the_statistics_page_is_in_urdu_with_english_figures_isolated(august_2026, published_edition):
    page = choose("ur").get("/statistics/").content.decode()
    assert 'lang="ur"' in html_tag(page) and 'dir="rtl"' in html_tag(page)
    assert "اہم اعداد و شمار" in page  # Headline figures
    assert "بورو کے لحاظ سے نفرت پر مبنی واقعات، April to June 2026" in page  # the chart, drawn in Urdu
    assert "کے مقابلے میں <bdi>50%</bdi> اضافہ" in page  # "Up 50% on ...", the figure kept left to right
    assert "Headline figures" not in page and "Hate incidents by borough, April" not in page


def test_the_statistics_pages_are_in_polish(august_2026, published_edition):
    client = choose("pl")
    page = client.get("/statistics/").content.decode()
    assert 'lang="pl"' in html_tag(page)
    assert "Najważniejsze liczby" in page and "Wzrost o 50% w porównaniu z okresem April to June 2025" in page
    archive = client.get("/statistics/archive/").content.decode()
    assert '<h1 class="govuk-heading-xl">Wszystkie wydania statystyk</h1>' in archive


def test_the_tables_of_an_edition_are_titled_and_headed_in_urdu(august_2026, published_edition):
    page = choose("ur").get(f"/statistics/{published_edition.slug}/").content.decode()
    assert 'lang="ur"' in html_tag(page) and 'dir="rtl"' in html_tag(page)
    assert ">بورو کے لحاظ سے نفرت پر مبنی واقعات</h3>" in page  # "Hate incidents by borough"
    assert ">مہینے کے لحاظ سے نفرت پر مبنی واقعات</h3>" in page  # "Hate incidents by month"
    assert '<th scope="col" class="govuk-table__header">بورو</th>' in page  # "Borough"
    assert ">میزان</th>" in page  # the "Total" row
    assert "Hate incidents by borough</h3>" not in page and ">Borough</th>" not in page


def test_the_tables_of_an_edition_are_titled_and_headed_in_polish(august_2026, published_edition):
    page = choose("pl").get(f"/statistics/{published_edition.slug}/").content.decode()
    assert ">Incydenty z nienawiści według miesiąca</h3>" in page
    assert (
        ">Zgłoszenia do programu Prevent według rodzaju obaw (cały obszar władz zjednoczonych)</h3>" in page
    )
    assert ">Rodzaj obaw</th>" in page and ">Zgłoszenia</th>" in page and ">Razem</th>" in page
    assert "Hate incidents by month</h3>" not in page and ">Type of concern</th>" not in page


def test_stored_words_not_in_the_catalogue_are_shown_as_stored(august_2026, published_edition):
    # Borough names and months are data, not words to translate: the page shows them as stored.
    borough = published_edition.tables[0]["rows"][0]
    page = choose("ur").get(f"/statistics/{published_edition.slug}/").content.decode()
    assert f'<th scope="row" class="govuk-table__header">{borough}</th>' in page
    assert '<th scope="row" class="govuk-table__header">April 2026</th>' in page


def test_downloads_keep_the_published_english_titles_and_headings(august_2026, published_edition):
    client = choose("ur")
    base = f"/statistics/{published_edition.slug}/revision-{published_edition.revision}"
    csv = client.get(f"{base}/hate-incidents-by-borough.csv").content.decode()
    assert "# Hate incidents by borough. " in csv and "\r\nBorough,Hate incidents\r\n" in csv
    document = client.get(f"{base}/hate-incidents-by-borough.json").json()
    assert document["table"]["title"] == "Hate incidents by borough"
    assert document["table"]["row_header"] == "Borough"


def test_every_fixed_title_and_heading_of_an_edition_is_marked_for_translation(published_edition):
    from commonground.insights import edition_audit
    from commonground.insights.published_words import TABLE_WORDS

    # The strand and category columns are reference data (strands, categories), not fixed words.
    data_columns = {edition_audit.BY_STRAND, edition_audit.TENSION}
    stored = {headline["label"] for headline in published_edition.headlines}
    for table in published_edition.tables:
        stored |= {table["title"], table["description"], table["row_header"]}
        if table["name"] not in data_columns:
            stored |= set(table["columns"])
    assert stored - set(TABLE_WORDS) == set()


@pytest.mark.parametrize(
    ("language", "direction", "heading", "passage"),
    [
        (
            "ur",
            "rtl",
            "یہ اعداد و شمار کیسے تیار کیے جاتے ہیں",
            "<bdi>Poisson</bdi> تقسیم",
        ),
        ("pl", "ltr", "Jak powstają te statystyki", "rozkład Poissona, Poisson"),
    ],
)
def test_the_methodology_page_is_in_the_readers_language(language, direction, heading, passage):
    page = choose(language).get("/statistics/methodology/").content.decode()
    assert f'lang="{language}"' in html_tag(page) and f'dir="{direction}"' in html_tag(page)
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in page
    assert passage in page and "[c]</" in page and "95%" in page
    assert "How these statistics are produced" not in page and "What is counted" not in page
    assert "<strong>Hate incidents</strong>" not in page  # a paragraph with an apostrophe, too
    english = Client().get("/statistics/methodology/").content.decode()
    assert '<h1 class="govuk-heading-xl">How these statistics are produced</h1>' in english
    assert "95% confidence interval" in english
