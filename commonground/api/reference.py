"""The API reference page's content, read from the OpenAPI document (a plain dict, as
`api.get_openapi_schema()` gives it). Pure: no Django, so the page shows exactly what the document
says and the transformation is tested on its own.

The document itself is the contract and never changes for the page's sake; everything here only
reads it: operations grouped by tag, `$ref`s resolved, nested request fields flattened into dotted
names ("location.postcode"), limits (maxLength, pattern…) spelt out, and the stable problem codes
picked out of each response's description.
"""

import re
from dataclasses import dataclass, field
from typing import Any

METHOD_ORDER = ("get", "post", "put", "patch", "delete")
# How deep nested objects are opened up into dotted field names before stopping at "object".
MAX_DEPTH = 3
# Backticked words in response descriptions that are problem codes (snake_case), not scopes or headers.
PROBLEM_CODE = re.compile(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`")
# The overview lists the codes every operation may send, without backticks.
LISTED_CODE = re.compile(r"\b([a-z]+(?:_[a-z]+)+)\b")
SCOPE = re.compile(r"scope `([a-z_]+:[a-z_]+)`")
INLINE_CODE = re.compile(r"`([^`]+)`")
LIMITS = (
    ("minLength", "at least {} character(s)"),
    ("maxLength", "at most {} character(s)"),
    ("minimum", "at least {}"),
    ("maximum", "at most {}"),
    ("exclusiveMinimum", "more than {}"),
    ("exclusiveMaximum", "less than {}"),
    ("minItems", "at least {} item(s)"),
    ("maxItems", "at most {} item(s)"),
    ("pattern", "matches {}"),
    ("format", "format: {}"),
)


@dataclass(frozen=True)
class Segment:
    """A run of description text: plain, or code (backticked in the document)."""

    text: str
    is_code: bool = False


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    description: tuple[Segment, ...] = ()
    limits: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    default: str | None = None
    location: str = ""  # for parameters: path, query or header


@dataclass(frozen=True)
class Response:
    status: str
    description: tuple[Segment, ...]
    media_type: str
    problem_codes: tuple[str, ...]
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Operation:
    anchor: str
    operation_id: str
    method: str
    path: str
    summary: str
    description: tuple[tuple[Segment, ...], ...]
    needs_token: bool
    scope: str | None
    parameters: tuple[Field, ...]
    body_media_type: str | None
    body_fields: tuple[Field, ...]
    responses: tuple[Response, ...]


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    operations: tuple[Operation, ...]


@dataclass(frozen=True)
class ProblemCode:
    code: str
    statuses: tuple[str, ...]  # the HTTP statuses it comes with; empty if only the overview names it

    @property
    def anchor(self) -> str:
        # Problem details' `type` points here: /api/v1/docs#errors-<code> (see errors.py).
        return f"errors-{self.code}"


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: tuple[tuple[Segment, ...], ...]
    sections: tuple[Section, ...]
    problem_codes: tuple[ProblemCode, ...] = field(default=())


def build_reference(document: dict) -> Reference:
    """The whole reference: one section per tag, in the order the tags first appear."""
    reader = _Reader(document)
    sections: dict[str, list[Operation]] = {}
    for path, methods in document.get("paths", {}).items():
        for method in sorted(methods, key=_method_rank):
            operation = reader.operation(path, method, methods[method])
            tag = (methods[method].get("tags") or ["Other"])[0]
            sections.setdefault(tag, []).append(operation)
    info = document.get("info", {})
    statuses: dict[str, set[str]] = {code: set() for code in LISTED_CODE.findall(info.get("description", ""))}
    for operations in sections.values():
        for operation in operations:
            for response in operation.responses:
                for code in response.problem_codes:
                    statuses.setdefault(code, set()).add(response.status)
    return Reference(
        title=info.get("title", "API"),
        version=str(info.get("version", "")),
        description=paragraphs(info.get("description", "")),
        sections=tuple(
            Section(title=tag, anchor=_slug(tag), operations=tuple(ops)) for tag, ops in sections.items()
        ),
        problem_codes=tuple(ProblemCode(code, tuple(sorted(statuses[code]))) for code in sorted(statuses)),
    )


def paragraphs(text: str) -> tuple[tuple[Segment, ...], ...]:
    """Blank-line separated paragraphs, each as plain and code segments."""
    return tuple(segments(part) for part in re.split(r"\n\s*\n", text.strip()) if part.strip())


def segments(text: str) -> tuple[Segment, ...]:
    """Text with `backticked` runs marked as code; single line breaks read as spaces."""
    text = " ".join(text.split())
    parts = INLINE_CODE.split(text)
    return tuple(Segment(part, is_code=bool(index % 2)) for index, part in enumerate(parts) if part)


def _method_rank(method: str) -> int:
    return METHOD_ORDER.index(method) if method in METHOD_ORDER else len(METHOD_ORDER)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Reader:
    def __init__(self, document: dict):
        self.schemas = document.get("components", {}).get("schemas", {})

    def resolve(self, schema: dict) -> dict:
        """The schema a `$ref` points at, with the referring schema's own keys (description…) kept."""
        seen = 0
        while "$ref" in schema and seen < 20:
            target = self.schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
            seen += 1
        if "allOf" in schema:  # pydantic wraps a described $ref in a one-item allOf
            merged = {k: v for k, v in schema.items() if k != "allOf"}
            for part in schema["allOf"]:
                merged = {**self.resolve(part), **merged}
            return merged
        return schema

    def operation(self, path: str, method: str, spec: dict) -> Operation:
        responses = tuple(
            self.response(status, body) for status, body in sorted(spec.get("responses", {}).items())
        )
        texts = [spec.get("description", "")] + [
            r.get("description", "") for r in spec.get("responses", {}).values()
        ]
        scopes = [match for text in texts for match in SCOPE.findall(text)]
        body_media_type, body_fields = self.body(spec.get("requestBody"))
        return Operation(
            anchor=_slug(spec.get("operationId") or f"{method}-{path}"),
            operation_id=spec.get("operationId", ""),
            method=method.upper(),
            path=path,
            summary=spec.get("summary", ""),
            description=paragraphs(spec.get("description", "")),
            needs_token=bool(spec.get("security")),
            scope=scopes[0] if scopes else None,
            parameters=tuple(self.parameter(p) for p in spec.get("parameters", [])),
            body_media_type=body_media_type,
            body_fields=body_fields,
            responses=responses,
        )

    def parameter(self, spec: dict) -> Field:
        schema = self.resolve(spec.get("schema", {}))
        described = {**schema, "description": spec.get("description") or schema.get("description", "")}
        return self.field(
            spec["name"], described, required=bool(spec.get("required")), location=spec.get("in", "")
        )

    def body(self, spec: dict | None) -> tuple[str | None, tuple[Field, ...]]:
        if not spec:
            return None, ()
        media_type, content = next(iter(spec.get("content", {}).items()), (None, dict[str, Any]()))
        return media_type, tuple(self.fields(content.get("schema", {})))

    def response(self, status: str, spec: dict) -> Response:
        description = spec.get("description", "")
        media_type, content = next(iter(spec.get("content", {}).items()), ("", dict[str, Any]()))
        is_problem = "problem" in media_type
        return Response(
            status=str(status),
            description=segments(description),
            media_type=media_type,
            problem_codes=tuple(dict.fromkeys(PROBLEM_CODE.findall(description))),
            # Problem bodies share one shape, described once on the page.
            fields=() if is_problem else tuple(self.fields(content.get("schema", {}))),
        )

    def fields(self, schema: dict, prefix: str = "", depth: int = 0):
        """Each property of an object schema (or of an array's items), nested objects flattened."""
        schema = self.resolve(schema)
        if schema.get("type") == "array" and depth == 0:
            schema = self.resolve(schema.get("items", {}))
            prefix = f"{prefix}[]." if prefix else "[]."
        required = set(schema.get("required", []))
        for name, property_schema in schema.get("properties", {}).items():
            full_name = f"{prefix}{name}"
            resolved = self.resolve(property_schema)
            yield self.field(full_name, resolved, required=name in required)
            inner = self._object_inside(resolved)
            if inner is not None and depth + 1 < MAX_DEPTH:
                yield from self.fields(inner[0], prefix=f"{full_name}{inner[1]}.", depth=depth + 1)

    def _object_inside(self, schema: dict) -> tuple[dict, str] | None:
        """The object schema under a field (itself, an optional one, or a list's items), if any."""
        schema = self._without_null(schema)
        if schema.get("properties"):
            return schema, ""
        if schema.get("type") == "array":
            items = self.resolve(schema.get("items", {}))
            if items.get("properties"):
                return items, "[]"
        return None

    def _without_null(self, schema: dict) -> dict:
        options = [self.resolve(o) for o in schema.get("anyOf", []) if o.get("type") != "null"]
        if len(options) == 1:
            return {**options[0], **{k: v for k, v in schema.items() if k != "anyOf"}}
        return schema

    def field(self, name: str, schema: dict, *, required: bool, location: str = "") -> Field:
        nullable = any(o.get("type") == "null" for o in schema.get("anyOf", []))
        schema = self._without_null(schema)
        default = schema.get("default")
        return Field(
            name=name,
            type=self.type_name(schema) + (" or null" if nullable else ""),
            required=required,
            description=segments(schema.get("description", "")),
            limits=self.limits(schema),
            allowed=tuple(str(value) for value in self.allowed(schema)),
            default=None if default is None else _json_text(default),
            location=location,
        )

    def type_name(self, schema: dict) -> str:
        schema = self.resolve(schema)
        if "anyOf" in schema:
            return " or ".join(self.type_name(o) for o in schema["anyOf"])
        kind = schema.get("type")
        if kind == "array":
            return f"list of {self.type_name(schema.get('items', {}))}"
        if isinstance(kind, list):
            return " or ".join(kind)
        if kind:
            return kind
        return "object" if schema.get("properties") else "any"

    def limits(self, schema: dict) -> tuple[str, ...]:
        found = [_limit(text, schema[key]) for key, text in LIMITS if key in schema]
        items = self.resolve(schema.get("items", {})) if schema.get("type") == "array" else {}
        found += [f"each item {_limit(text, items[key])}" for key, text in LIMITS if key in items]
        return tuple(found)

    def allowed(self, schema: dict) -> list:
        if "enum" in schema:
            return schema["enum"]
        if schema.get("type") == "array":
            return self.resolve(schema.get("items", {})).get("enum", [])
        return []


def _limit(text: str, value) -> str:
    return text.format(value).replace("(s)", "" if value == 1 else "s")


def _json_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
