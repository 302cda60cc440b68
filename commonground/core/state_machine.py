"""The shape of every status table in the product: the states, where a new record starts, and each
allowed move named by the step that makes it. Pure: no Django.

Each entity with a status (a referral, a report, a statistics edition…) has its own `Machine` in a
pure module of its app; `core/actions/moves.py` is the one place a stored status changes, and it
asks the machine first. Why: docs/decisions/0016-statuses-move-through-state-machines.md."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field


class MoveRefused(Exception):
    """A step the table does not allow from the state a record is in; the message says why."""

    def __init__(self, machine: "Machine", before: str, step: str):
        self.machine, self.before, self.step = machine, before, step
        super().__init__(machine.refusal(before, step))


class BadTable(ValueError):
    """A table that contradicts itself: a move to a state it does not name, or no way in."""


@dataclass(frozen=True)
class Machine:
    """`moves` maps each state to {step: state afterwards}; a step missing from a state's row is
    refused there, and a state with an empty row is final.

    `refusals` words a refused step, `refused_as` any other (`{state}` is replaced by the label of
    the state it was tried from, `{name}` by the machine's); `explain`, when given, words every
    refusal itself."""

    name: str
    initial: str
    moves: Mapping[str, Mapping[str, str]]
    labels: Mapping[str, str] = field(default_factory=dict)
    refusals: Mapping[str, str] = field(default_factory=dict)
    refused_as: str = "A {name} that is {state} cannot do that now"
    explain: Callable[[str, str], str] | None = None

    def __post_init__(self) -> None:
        if self.initial not in self.moves:
            raise BadTable(f"The {self.name} table does not name its initial state {self.initial!r}")
        strays = {after for row in self.moves.values() for after in row.values()} - set(self.moves)
        if strays:
            raise BadTable(f"The {self.name} table moves to states it does not name: {sorted(strays)}")
        if self.labels and set(self.labels) != set(self.moves):
            raise BadTable(f"The {self.name} table's labels do not match its states")

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(self.moves)

    @property
    def steps(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(step for row in self.moves.values() for step in row))

    @property
    def final(self) -> frozenset[str]:
        return frozenset(state for state, row in self.moves.items() if not row)

    def label(self, state: str) -> str:
        return self.labels.get(state, state.replace("_", " "))

    def can(self, before: str, step: str) -> bool:
        return step in self.moves.get(before, {})

    def after(self, before: str, step: str) -> str:
        """The state `step` leads to from `before`, or MoveRefused."""
        if not self.can(before, step):
            raise MoveRefused(self, before, step)
        return self.moves[before][step]

    def allowed(self, before: str) -> list[str]:
        """The steps allowed from `before`, in the table's order."""
        return list(self.moves.get(before, {}))

    def reachable_from(self, state: str) -> set[str]:
        seen, waiting = {state}, [state]
        while waiting:
            for after in self.moves[waiting.pop()].values():
                if after not in seen:
                    seen.add(after)
                    waiting.append(after)
        return seen

    def refusal(self, before: str, step: str) -> str:
        if self.explain is not None:
            return self.explain(before, step)
        template = self.refusals.get(step, self.refused_as)
        return template.format(name=self.name, state=self.label(before).lower())


def check_move(machine: Machine, before: str, step: str) -> str:
    """The state after `step` from `before`, or MoveRefused with the machine's message."""
    return machine.after(before, step)


def to_any_of(allowed: Mapping[str, Iterable[str]]) -> dict[str, dict[str, str]]:
    """A table whose steps are named by the state they lead to, for records whose page offers the
    next status itself ("with a team", "closed") rather than a named decision."""
    return {before: {after: after for after in afters} for before, afters in allowed.items()}
