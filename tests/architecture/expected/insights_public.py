"""Public statistics and the statistics API: open to everyone, signed in or not. Only published
editions exist there: a draft's quarter answers 404 to everyone, staff included. The staff
aggregates of the API need an agency token (a session is no API token: 401)."""

from tests.architecture.roles_matrix import everyone

# The editions made by insights_editions.sample_values: October to December 2025 is published,
# January to March 2025 is a draft.
PUBLISHED = {"slug": "2025-q4"}
DRAFT = {"slug": "2025-q1"}
TABLE = {**PUBLISHED, "revision": "1", "table": "hate-incidents-by-month"}
DRAFT_TABLE = {**DRAFT, "revision": "1", "table": "hate-incidents-by-month"}

EXPECTED = {
    "insights:public-latest": [({}, everyone(200))],
    "insights:public-archive": [({}, everyone(200))],
    "insights:public-methodology": [({}, everyone(200))],
    "insights:public-edition": [(PUBLISHED, everyone(200)), (DRAFT, everyone(404))],
    "insights:public-edition-revision": [
        ({**PUBLISHED, "revision": "1"}, everyone(200)),
        ({**DRAFT, "revision": "1"}, everyone(404)),
    ],
    "insights:public-table-csv": [(TABLE, everyone(200)), (DRAFT_TABLE, everyone(404))],
    "insights:public-table-json": [(TABLE, everyone(200)), (DRAFT_TABLE, everyone(404))],
    "api:list_editions": [({}, everyone(200))],
    "api:get_edition": [(PUBLISHED, everyone(200)), (DRAFT, everyone(404))],
    "api:get_edition_table": [
        ({**PUBLISHED, "table_name": "hate-incidents-by-month"}, everyone(200)),
        ({**DRAFT, "table_name": "hate-incidents-by-month"}, everyone(404)),
    ],
    "api:hate_incident_aggregates": [({}, everyone(401))],
}
