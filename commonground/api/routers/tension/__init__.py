"""Community tension from and for partner systems: POST /api/v1/tension/reports and
/api/v1/tension/trigger-events (scope `tension:write`), GET /api/v1/tension/levels (scope
`tension:read`).

Reports and events may name any borough or ward of the partnership, by ONS code; levels are read
only for the areas the token's agency serves (a borough covers its wards).

Each POST carries an `Idempotency-Key` chosen by the partner, kept per agency with the answer it
got (commonground/api/idempotency.py, as for every API create). A retry with the same key and the
same content answers 200 with `Idempotent-Replayed: true` and the first answer; the same key with
different content answers 409."""

from ninja import Router

from commonground.api.routers.tension import events, levels, reports

router = Router()
router.add_router("", reports.router)
router.add_router("", events.router)
router.add_router("", levels.router)
