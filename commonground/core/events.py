"""Named events one app publishes and others subscribe to, so that an app can tell the others what
happened without importing them: the report line publishes "report submitted" and "report erased",
tension monitoring subscribes to copy a community tension report and to erase the copy.

An app declares its events in its own `events` module (its public interface, like `queries` and
`actions`); subscribers register in their `AppConfig.ready`, so the registry is complete before the
first request or task.

Subscribers run synchronously, inside the publisher's transaction, not in `transaction.on_commit`:
what they write must be atomic with the publisher's write. A report's erasure that committed while
the copy of its words survived (the worker stopping between the two) would break the retention
policy, and a copy made after the commit could be lost the same way. A subscriber that must never
undo the publisher's work (a copy that may fail without losing the person's report) runs its write
in a savepoint of its own and catches its own faults; one that must undo it (an erasure) lets the
fault rise and the whole transaction rolls back."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Subscriber = Callable[..., Any]


@dataclass(frozen=True)
class Event:
    """Something that happened, named in words ("report submitted"); its payload is passed to each
    subscriber as keyword arguments, documented where the event is declared."""

    name: str


_subscribers: dict[Event, list[Subscriber]] = defaultdict(list)


def subscribe(event: Event, subscriber: Subscriber) -> None:
    """Call `subscriber(**payload)` each time `event` is published. Subscribing twice is once."""
    if subscriber not in _subscribers[event]:
        _subscribers[event].append(subscriber)


def publish(event: Event, **payload: Any) -> None:
    """Call every subscriber of `event`, in the order they subscribed, in the caller's transaction."""
    for subscriber in list(_subscribers[event]):
        subscriber(**payload)


def subscribers_of(event: Event) -> list[Subscriber]:
    return list(_subscribers[event])
