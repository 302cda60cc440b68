"""What the report line tells the other apps (see core/events.py). Published inside the action's
transaction; each payload is keyword arguments."""

from commonground.core.events import Event

# A report was received (any channel), after it was routed and audited. Payload: report.
REPORT_SUBMITTED = Event("report submitted")

# A report's personal details were erased under the retention policy. Payload: report (already
# erased in the database), erased_text (the words that now stand in for what was erased).
REPORT_ERASED = Event("report erased")
