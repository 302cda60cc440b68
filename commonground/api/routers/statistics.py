"""Statistics: the published editions (open data, no token) and staff aggregates (a token with
`statistics:read`).

The public operations serve only what an edition froze when it was published: disclosure-controlled
tables, with suppressed entries as `null` and marked. No public operation computes anything from the
data, so no request, whoever makes it, can get a breakdown finer than the published one.
"""

from datetime import date, timedelta
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Path, Query, Router, Schema

from commonground.api.auth import require_scope
from commonground.api.errors import INVALID_QUERY, UNAUTHENTICATED, ApiError, problem_responses
from commonground.api.routers.reports.schemas import PRINTABLE
from commonground.core.models.api_tokens import ApiScope
from commonground.insights import presentation
from commonground.insights.queries import editions as queries
from commonground.insights.queries import publication

router = Router(tags=["Statistics"])

# A request spanning more than this is refused as absurd rather than answered slowly.
LONGEST_RANGE = timedelta(days=366 * 10)


class PeriodOut(Schema):
    start: date
    end: date


class EditionLinks(Schema):
    self: str
    page: str


class EditionOut(Schema):
    slug: str = Field(..., examples=["2026-q2"])
    revision: int
    title: str
    period: PeriodOut
    published_at: str | None
    content_sha256: str
    correction_note: str
    links: EditionLinks


class HeadlineOut(Schema):
    key: str
    label: str
    value: int | None = Field(..., description="Rounded to the nearest 5; null when suppressed.")
    previous_value: int | None
    previous_period: str
    change_percent: int | None


class TableLinkOut(Schema):
    name: str
    title: str
    withheld: bool
    note: str
    json_link: str
    csv_link: str | None


class EditionDetailOut(EditionOut):
    licence: dict[str, str]
    quality_note: str
    corrected_by_revision: int | None
    headlines: list[HeadlineOut]
    tables: list[TableLinkOut]


class RevisionFilter(Schema):
    revision: int | None = Field(None, ge=1, description="A revision; the newest when left out.")


def _summary(request: HttpRequest, edition) -> dict[str, Any]:
    api_link = reverse("api:get_edition", kwargs={"slug": edition.slug})
    page = reverse(
        "insights:public-edition-revision", kwargs={"slug": edition.slug, "revision": edition.revision}
    )
    return {
        **presentation.edition_summary(edition),
        "links": {"self": f"{api_link}?revision={edition.revision}", "page": page},
    }


def _edition_or_404(slug: str, revision: int | None):
    edition = queries.published_edition(slug, revision)
    if edition is None:
        raise ApiError(
            404, "not_found", "No published edition", f"No published edition '{slug}' with that revision."
        )
    return edition


NO_EDITION = "No published edition with that slug and revision, or no such table (`not_found`)."


@router.get(
    "/editions",
    response=list[EditionOut],
    auth=None,
    summary="Every published edition and revision",
    operation_id="list_editions",
    openapi_extra={"responses": problem_responses({})},
)
def list_editions(request: HttpRequest):
    """Open data, no token needed. Newest quarter first, newest revision first."""
    return [_summary(request, e) for e in queries.published_editions()]


@router.get(
    "/editions/{slug}",
    response=EditionDetailOut,
    auth=None,
    summary="One published edition",
    operation_id="get_edition",
    openapi_extra={"responses": problem_responses({404: NO_EDITION, 422: INVALID_QUERY})},
)
def get_edition(
    request: HttpRequest, filters: Query[RevisionFilter], slug: str = Path(..., pattern=PRINTABLE)
):
    """The newest published revision of the quarter (`2026-q2`), or `?revision=N`: its headline
    figures and links to its tables. Open data, no token needed."""
    edition = _edition_or_404(slug, filters.revision)
    newest = queries.newest_revision_of(edition)
    tables = []
    for table in queries.tables_of(edition):
        kwargs = {"slug": edition.slug, "table_name": table["name"]}
        link = f"{reverse('api:get_edition_table', kwargs=kwargs)}?revision={edition.revision}"
        csv = None
        if not table["withheld"]:
            csv = reverse(
                "insights:public-table-csv",
                kwargs={"slug": edition.slug, "revision": edition.revision, "table": table["name"]},
            )
        tables.append(
            {
                "name": table["name"],
                "title": table["title"],
                "withheld": table["withheld"],
                "note": table["note"],
                "json_link": link,
                "csv_link": csv,
            }
        )
    return {
        **_summary(request, edition),
        "licence": {
            "name": presentation.LICENCE_NAME,
            "url": presentation.LICENCE_URL,
            "attribution": presentation.ATTRIBUTION,
        },
        "quality_note": edition.quality_note,
        "corrected_by_revision": newest.revision if newest.pk != edition.pk else None,
        "headlines": edition.headlines,
        "tables": tables,
    }


@router.get(
    "/editions/{slug}/tables/{table_name}",
    response=dict[str, Any],
    auth=None,
    summary="One published table, disclosure-controlled",
    operation_id="get_edition_table",
    openapi_extra={"responses": problem_responses({404: NO_EDITION, 422: INVALID_QUERY})},
)
def get_edition_table(
    request: HttpRequest,
    filters: Query[RevisionFilter],
    slug: str = Path(..., pattern=PRINTABLE),
    table_name: str = Path(..., pattern=PRINTABLE),
):
    """The table exactly as published: counts rounded to the nearest 5, suppressed entries `null`
    with `suppressed: true` (shown as [c] elsewhere), and the licence. Open data, no token needed."""
    edition = _edition_or_404(slug, filters.revision)
    table = queries.table_of(edition, table_name)
    if table is None:
        raise ApiError(404, "not_found", "No such table", f"The edition has no table '{table_name}'.")
    return presentation.table_json(table=table, edition=presentation.edition_summary(edition))


# --- Staff aggregates ------------------------------------------------------------------------------


class AggregateFilters(Schema):
    from_: date = Field(..., alias="from", description="First day, inclusive (YYYY-MM-DD).")
    to: date = Field(..., description="Last day, inclusive (YYYY-MM-DD).")
    borough: str | None = Field(
        None, pattern=PRINTABLE, description="ONS code of one borough the token covers."
    )


class MonthBoroughCount(Schema):
    month: str = Field(..., examples=["2026-04"])
    borough_code: str
    borough: str
    count: int


class AggregatesOut(Schema):
    period: PeriodOut
    boroughs: list[str]
    counts: list[MonthBoroughCount]


@router.get(
    "/aggregates/hate-incidents",
    response=AggregatesOut,
    summary="Hate incidents by month and borough, for the token's areas",
    operation_id="get_hate_incident_aggregates",
    openapi_extra={
        "responses": problem_responses(
            {
                401: UNAUTHENTICATED,
                403: "The token does not have the scope `statistics:read` (`scope_missing`).",
                404: "`borough` is not a borough the token covers (`unknown_area`).",
                422: "A date is missing or not valid, 'from' is after 'to', or the period is longer than ten "
                "years (`invalid_request`).",
            }
        )
    },
)
def hate_incident_aggregates(request: HttpRequest, filters: Query[AggregateFilters]):
    """Counts by month and borough for the boroughs the token's agency covers: aggregates only, no
    personal data, not disclosure-controlled (for partner staff). Needs the scope `statistics:read`.
    Months with no incidents are left out."""
    token = require_scope(request, ApiScope.STATISTICS_READ)
    if filters.to < filters.from_:
        raise ApiError(
            422, "invalid_request", "The dates are the wrong way round", "'from' must not be after 'to'."
        )
    if filters.to - filters.from_ > LONGEST_RANGE:
        raise ApiError(422, "invalid_request", "The period is too long", "Ask for ten years or less.")
    boroughs = publication.boroughs_covered_by(token.agency)
    if filters.borough:
        boroughs = [b for b in boroughs if b.code == filters.borough]
        if not boroughs:
            raise ApiError(404, "unknown_area", "No borough the token covers has that code")
    counts = publication.hate_incidents_by_month_and_borough(
        boroughs=boroughs, start=filters.from_, end=filters.to
    )
    return {
        "period": {"start": filters.from_, "end": filters.to},
        "boroughs": [b.code for b in boroughs],
        "counts": counts,
    }
