"""The in-process event registry: subscribers are called in order, once each, with the payload;
tension monitoring is subscribed to the report line's events from its AppConfig.ready."""

from commonground.core import events
from commonground.reports.events import REPORT_ERASED, REPORT_SUBMITTED
from commonground.tension.actions.reports import erase_report_line_copy, record_report_line_tension


def test_publishing_calls_each_subscriber_once_in_order_with_the_payload():
    happened = events.Event("something happened in a test")
    calls = []

    def first(**payload):
        calls.append(("first", payload))

    def second(**payload):
        calls.append(("second", payload))

    events.subscribe(happened, first)
    events.subscribe(happened, second)
    events.subscribe(happened, first)
    events.publish(happened, number=7)

    assert calls == [("first", {"number": 7}), ("second", {"number": 7})]


def test_an_event_nobody_subscribed_to_is_published_to_nobody():
    events.publish(events.Event("an event with no subscriber"), anything=1)


def test_tension_monitoring_subscribes_to_the_report_lines_events():
    assert record_report_line_tension in events.subscribers_of(REPORT_SUBMITTED)
    assert erase_report_line_copy in events.subscribers_of(REPORT_ERASED)
