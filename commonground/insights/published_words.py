"""The fixed English words an edition stores with its tables (titles, descriptions, headings, notes
and headline labels, from `releases.py`), marked here so that a public page can show them in the
reader's language. The stored edition, its downloads and the API keep them in English as published;
anything not listed here (borough names, months, strands, categories) is shown as stored."""

from django.utils.translation import gettext, gettext_noop

TABLE_WORDS = (
    # Table titles
    gettext_noop("Hate incidents by borough"),
    gettext_noop("Hate incidents by month"),
    gettext_noop("Hate incidents per 100,000 residents, by borough"),
    gettext_noop("Hate incidents by borough and strand"),
    gettext_noop("Tension reports by borough and category"),
    gettext_noop("Prevent referrals by type of concern (combined authority)"),
    gettext_noop("Prevent referrals by outcome so far (combined authority)"),
    # Descriptions
    gettext_noop("Hate incidents received in the quarter, by the borough where they happened."),
    gettext_noop("Hate incidents by the month they were received."),
    gettext_noop(
        "Rates use Census 2021 populations and the rounded counts; the interval is the exact 95% Poisson interval."
    ),
    gettext_noop(
        "An incident can be recorded under more than one strand, so the totals count strand records, not incidents."
    ),
    gettext_noop("A report that names areas in several boroughs counts once in each."),
    gettext_noop("Published for the combined authority only, never by borough."),
    gettext_noop(
        "Where the referrals received in the quarter stood when the edition was prepared. Channel outcomes "
        "are published for the combined authority only, never by borough."
    ),
    # Row and column headings
    gettext_noop("Borough"),
    gettext_noop("Month"),
    gettext_noop("Type of concern"),
    gettext_noop("Outcome"),
    gettext_noop("Hate incidents"),
    gettext_noop("Residents (Census 2021)"),
    gettext_noop("Rate per 100,000"),
    gettext_noop("95% CI lower"),
    gettext_noop("95% CI upper"),
    gettext_noop("Referrals"),
    gettext_noop("Total"),
    gettext_noop("All strand records"),
    # Fixed row labels, the note on a withheld table and the headline figures
    gettext_noop("Place not given or online"),
    gettext_noop("Whole combined authority"),
    gettext_noop("Not recorded"),
    gettext_noop("Still being assessed"),
    gettext_noop("No further action"),
    gettext_noop("Signposted to other services"),
    gettext_noop("Police-led case management"),
    gettext_noop("Withheld: could disclose small numbers."),
    gettext_noop("Tension reports"),
    gettext_noop("Prevent referrals"),
)


def translated_table_words() -> dict[str, str]:
    """Each stored English word and its translation in the active language."""
    return {word: gettext(word) for word in TABLE_WORDS}
