"""Reports from partner systems (a police or charity reporting form): POST /api/v1/reports.

Each call carries an `Idempotency-Key` chosen by the partner. The report is stored under that key,
namespaced by the token's agency, so a retried call (a timeout, a double click) returns the first
report instead of making a second one, and two agencies can never collide on a key."""

from commonground.api.routers.reports.operation import router

__all__ = ["router"]
