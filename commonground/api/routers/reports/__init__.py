"""Reports from partner systems (a police or charity reporting form): POST /api/v1/reports.

Each call carries an `Idempotency-Key` chosen by the partner, kept per agency with the answer it
got (commonground/api/idempotency.py, as for every API create), so a retried call (a timeout, a
double click) gets the first answer instead of making a second report, and two agencies can never
collide on a key."""

from commonground.api.routers.reports.operation import router

__all__ = ["router"]
