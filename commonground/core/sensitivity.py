"""Need to know: every field of a record that holds a person carries a sensitivity class, declared
once per model, and every purpose (the coordinator's case management, a panel member's view of a
case, an agency answering a request, …) names the classes it needs. A page, an export and a PDF of
one purpose show only the fields whose class the purpose needs: they are built from a `RecordView`,
which holds those fields' values and nothing else, so a template cannot reach a hidden one.

Apps declare in their `sensitivity.py` (imported by their AppConfig.ready()):

    sensitivity.declare("safeguarding.Referral", {
        "first_name": Sensitivity.IDENTIFYING,
        "referrer_contact": Sensitivity.CONTACT,
        ...
    })

System check `core.E008` fails when a declared model has a field without a class (a field added
later must be classified) or a declaration names a field the model lacks.

Pure: no Django. A model is known by its label ("app_label.ModelName"); a record is read through
its `_meta` by duck typing.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Sensitivity(Enum):
    """The classes of a field, from what says who a person is to the mechanics of the record."""

    IDENTIFYING = "identifying"  # who the person is: names, date of birth or age, gender, reference
    CONTACT = "contact"  # how to find or reach someone: address, ward, telephone, email, language
    REFERRER = "referrer"  # who referred, and from where: a third party to the person
    SPECIAL_CATEGORY = "special category"  # beliefs and ideology (the type of concern)
    CASE_NARRATIVE = "case narrative"  # what was said and judged: the concern, reasons, evidence, notes
    CASE_PROGRESS = "case progress"  # where the case stands: status, steps and outcomes, dates
    PARTNER_INFORMATION = "partner information"  # questions to partner agencies and their answers
    EQUALITY_MONITORING = "equality monitoring"  # ethnic group and religion, for monitoring only
    OPERATIONAL = "operational"  # the record's mechanics: numbers, links, who recorded it, when

    @property
    def label(self) -> str:
        return self.value.capitalize()


S = Sensitivity


class Purpose(Enum):
    """Why someone reads a case, and so which classes they see."""

    CASE_MANAGEMENT = "case management"  # the borough's coordinator, working the case
    PANEL = "panel"  # a panel member discussing the case at a meeting they attend
    ANSWERING_AGENCY = "answering agency"  # a partner agency answering (or asking) about the person
    OVERSIGHT = "oversight"  # a data protection officer opening a record outside scope, with a reason
    SUBJECT_ACCESS = "subject access"  # everything held about the person, for their request

    @property
    def classes(self) -> frozenset[Sensitivity]:
        return PURPOSE_CLASSES[self]


_EVERYTHING = frozenset(Sensitivity)

PURPOSE_CLASSES: dict[Purpose, frozenset[Sensitivity]] = {
    # Everything but equality monitoring, which is never shown where a decision is made.
    Purpose.CASE_MANAGEMENT: _EVERYTHING - {S.EQUALITY_MONITORING},
    # Enough to discuss the case: who it is, the concern, the steps, partners' answers. Not where the
    # person lives or how to reach them, not who referred them, not equality monitoring.
    Purpose.PANEL: frozenset(
        {
            S.IDENTIFYING,
            S.SPECIAL_CATEGORY,
            S.CASE_NARRATIVE,
            S.CASE_PROGRESS,
            S.PARTNER_INFORMATION,
            S.OPERATIONAL,
        }
    ),
    # Enough to search the agency's own records and answer: who the person is, and the request.
    Purpose.ANSWERING_AGENCY: frozenset({S.IDENTIFYING, S.PARTNER_INFORMATION, S.OPERATIONAL}),
    Purpose.OVERSIGHT: _EVERYTHING - {S.EQUALITY_MONITORING},
    # The person's right of access covers all of it (third parties are marked for review there).
    Purpose.SUBJECT_ACCESS: _EVERYTHING,
}


@dataclass(frozen=True)
class Declaration:
    label: str  # "app_label.modelname", lower-cased
    classes: Mapping[str, Sensitivity]
    # Values worked out from fields (a property of the model), shown only when all of them are.
    derived: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


_DECLARATIONS: dict[str, Declaration] = {}


def label_of(label_or_model: Any) -> str:
    if isinstance(label_or_model, str):
        return label_or_model.lower()
    return label_or_model._meta.label_lower


def declare(
    label_or_model: Any,
    classes: Mapping[str, Sensitivity],
    *,
    derived: Mapping[str, Iterable[str]] | None = None,
) -> Declaration:
    """The class of each field of a model, once. `derived` names properties worked out from fields
    (`full_name` from the names): a view shows one only when it shows every field it comes from."""
    label = label_of(label_or_model)
    derived_fields = {name: tuple(sources) for name, sources in (derived or {}).items()}
    for name, sources in derived_fields.items():
        unknown = [source for source in sources if source not in classes]
        if unknown:
            raise ValueError(f"{label}.{name} is worked out from undeclared fields: {', '.join(unknown)}")
    declaration = Declaration(label=label, classes=dict(classes), derived=derived_fields)
    _DECLARATIONS[label] = declaration
    return declaration


def declaration_of(label_or_model: Any) -> Declaration:
    label = label_of(label_or_model)
    try:
        return _DECLARATIONS[label]
    except KeyError:
        raise LookupError(f"{label} declares no sensitivity classes") from None


def declared_labels() -> list[str]:
    return sorted(_DECLARATIONS)


def is_declared(label_or_model: Any) -> bool:
    return label_of(label_or_model) in _DECLARATIONS


def class_of(label_or_model: Any, field_name: str) -> Sensitivity:
    return declaration_of(label_or_model).classes[field_name]


def shows(purpose: Purpose, label_or_model: Any, field_name: str) -> bool:
    """Whether a page, export or PDF of `purpose` may show this field (or derived value)."""
    declaration = declaration_of(label_or_model)
    if field_name in declaration.derived:
        return all(shows(purpose, label_or_model, source) for source in declaration.derived[field_name])
    return declaration.classes[field_name] in purpose.classes


def fields_for(label_or_model: Any, purpose: Purpose) -> list[str]:
    """The fields of a model that `purpose` shows, in declaration order."""
    declaration = declaration_of(label_or_model)
    return [name for name, sensitivity in declaration.classes.items() if sensitivity in purpose.classes]


def hidden_from(label_or_model: Any, purpose: Purpose) -> list[str]:
    declaration = declaration_of(label_or_model)
    return [name for name, sensitivity in declaration.classes.items() if sensitivity not in purpose.classes]


def undeclared_fields(label_or_model: Any, field_names: Iterable[str]) -> tuple[list[str], list[str]]:
    """(the model's fields without a class, the declared names the model does not have)."""
    declared = declaration_of(label_or_model).classes
    names = list(field_names)
    return [n for n in names if n not in declared], [n for n in declared if n not in names]


class Hidden(AttributeError):
    """Raised on reading a field the view's purpose does not show: a template renders nothing."""


class RecordView:
    """What one purpose may see of one record: the fields it shows, the choice labels of those
    fields (`get_<field>_display`), the derived values whose fields it shows, and any values the
    query worked out and added (`extra`). Reading anything else raises `Hidden` (an
    AttributeError, so a template that names a hidden field renders nothing). Values are read from
    the record when asked for, so a view costs no query its page would not make; the record is
    held privately (a template cannot reach a name that starts with an underscore)."""

    __slots__ = ("_extra", "_label", "_purpose", "_record", "_shown")

    def __init__(self, record: Any, purpose: Purpose, **extra: Any) -> None:
        meta = record._meta
        label = meta.label_lower
        declaration = declaration_of(label)
        shown = {"pk", "id"}
        for name in fields_for(label, purpose):
            shown.add(name)
            model_field = meta.get_field(name)
            attname = getattr(model_field, "attname", name)
            shown.add(attname)  # the related record's number: `borough_id`
            if getattr(model_field, "choices", None):
                shown.add(f"get_{name}_display")
        shown.update(name for name in declaration.derived if shows(purpose, label, name))
        object.__setattr__(self, "_record", record)
        object.__setattr__(self, "_label", label)
        object.__setattr__(self, "_purpose", purpose)
        object.__setattr__(self, "_shown", frozenset(shown))
        object.__setattr__(self, "_extra", dict(extra))

    def __getattr__(self, name: str) -> Any:
        extra = object.__getattribute__(self, "_extra")
        if name in extra:
            return extra[name]
        if name in object.__getattribute__(self, "_shown"):
            return getattr(object.__getattribute__(self, "_record"), name)
        purpose = object.__getattribute__(self, "_purpose")
        raise Hidden(f"{object.__getattribute__(self, '_label')}.{name} is not shown for {purpose.value}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("A record view is read only")

    def __repr__(self) -> str:
        return f"<RecordView {self._label}:{self._record.pk} for {self._purpose.value}>"

    @property
    def purpose(self) -> Purpose:
        return self._purpose

    def shows(self, name: str) -> bool:
        return name in self._shown or name in self._extra


def view_of(record: Any, purpose: Purpose, **extra: Any) -> RecordView:
    """`RecordView(record, purpose)`: what `purpose` may see of `record`; `extra` adds values the
    query worked out for it (an age, related views)."""
    return RecordView(record, purpose, **extra)


def views_of(records: Iterable[Any], purpose: Purpose) -> list[RecordView]:
    return [RecordView(record, purpose) for record in records]
