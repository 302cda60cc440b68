"""A subject access export as files: one JSON file and one readable PDF of the same data (rendered
by `core.pdf.pdf_from_html`, nothing fetched from outside), third-party details highlighted for
review. Nothing here reads the database: the data comes from the disclosure action."""

import json
from typing import Any

from django.template.loader import render_to_string

from commonground.core.pdf import pdf_from_html
from commonground.safeguarding.documents import PROTECTIVE_MARKING, pdf_fields

TEMPLATE = "governance/export_document.html"


def export_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _sections(record: dict[str, Any]) -> list[dict[str, Any]]:
    sections = []
    for name, content in record.items():
        if name in ("source", "record", "label"):
            continue
        rows = content if isinstance(content, list) else ([] if content is None else [content])
        sections.append(
            {"title": name.replace("_", " ").capitalize(), "records": [pdf_fields(r) for r in rows]}
        )
    return sections


def export_html(data: dict[str, Any]) -> str:
    return render_to_string(
        TEMPLATE,
        {
            "about": data["export"],
            "records": [
                {"source": r["source"], "label": r["label"], "sections": _sections(r)}
                for r in data["records"]
            ],
            "marking": PROTECTIVE_MARKING,
        },
    )


def export_pdf(data: dict[str, Any]) -> bytes:
    return pdf_from_html(export_html(data))


def filename(data: dict[str, Any], extension: str) -> str:
    """Neutral: the request's number and the date, never the person's name."""
    return (
        f"subject-access-request-{data['export']['request']}-{data['export']['produced_at'][:10]}.{extension}"
    )
