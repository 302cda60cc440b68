"""The entries the public may see: the one read the public finders and the API start from.

`publicly_listed(kind=None)` returns a queryset of `DirectoryEntry`:
- only entries shown to the public (`listing_rules.shown_to_public`): published, and whose latest
  audit's result is "meets" or "meets with actions". Never audited, "does not meet" and withdrawn
  entries are never in it;
- of one kind (`EntryKind`) when `kind` is given, else both;
- with `borough` and `ward` selected (without their boundaries, deferred), and `opening_hours` (ordered by weekday, then opening time)
  and `languages` (in their reference order) prefetched: a list of any length costs the same three
  queries, however it is then filtered (by borough, say) or paged;
- ordered by organisation name, then place name.
No scope: every field it carries is public. It never carries the contact's name or the audits:
callers should not read `contact_name`, `audits` or `created_by` from it for a public page.
"""

from django.db.models import Prefetch, QuerySet

from commonground.directory import listing_rules
from commonground.directory.models import DirectoryEntry, Language, OpeningHours


def publicly_listed(kind: str | None = None) -> QuerySet[DirectoryEntry]:
    entries = DirectoryEntry.objects.filter(
        published=True, latest_audit_result__in=sorted(listing_rules.LISTED_RESULTS)
    )
    if kind is not None:
        entries = entries.filter(kind=kind)
    return (
        entries.select_related("borough", "ward")
        # An area's boundary is a large GeoJSON document: decoding it for each of thousands of rows
        # would cost seconds, and no list needs it.
        .defer("borough__boundary", "ward__boundary")
        .prefetch_related(
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at")),
            Prefetch("languages", queryset=Language.objects.order_by("position", "name")),
        )
        .order_by("organisation_name", "place_name", "pk")
    )
