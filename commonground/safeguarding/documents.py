"""Safeguarding documents as files: the panel pack (PDF) and the subject access export (JSON and
PDF). Pure-ish: each takes the data already gathered (and audited) by `queries.documents` and
returns bytes; nothing here reads the database.

PDFs are rendered by WeasyPrint from our own templates, whose print CSS is inline: every page
carries the protective marking in its header and footer and names who it was produced for, in
`@page` margin boxes. `core.pdf.pdf_from_html` renders them and never makes an outside request.
"""

import json
from typing import Any

from django.template.loader import render_to_string

from commonground.core.pdf import pdf_from_html
from commonground.safeguarding.models import PanelPackFile
from commonground.safeguarding.queries.documents import PanelPack
from commonground.safeguarding.queries.subject_access import SubjectAccessExport

PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
PANEL_PACK_TEMPLATE = "safeguarding/documents/panel_pack.html"
SUBJECT_ACCESS_TEMPLATE = "safeguarding/documents/subject_access.html"


# --- The panel pack --------------------------------------------------------------------------------


def panel_pack_html(pack: PanelPack) -> str:
    return render_to_string(PANEL_PACK_TEMPLATE, {"pack": pack, "marking": PROTECTIVE_MARKING})


def panel_pack_pdf(pack: PanelPack) -> bytes:
    return pdf_from_html(panel_pack_html(pack))


def panel_pack_filename(pack: PanelPack) -> str:
    """Neutral: the meeting's number and date, never a person's name."""
    return f"panel-pack-{pack.meeting.pk}-{pack.meeting.meets_on:%Y-%m-%d}.pdf"


def prepared_panel_pack_filename(pack: PanelPackFile) -> str:
    """As `panel_pack_filename`, for a pack the worker prepared."""
    return f"panel-pack-{pack.meeting_id}-{pack.meeting.meets_on:%Y-%m-%d}.pdf"


# --- The subject access export ---------------------------------------------------------------------


def subject_access_json(export: SubjectAccessExport) -> bytes:
    """The export as JSON, strings kept verbatim (not escaped to ASCII, not altered)."""
    return json.dumps(export.data, ensure_ascii=False, indent=2).encode("utf-8")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


def pdf_fields(record: dict[str, Any]) -> list[dict[str, Any]]:
    """A record's fields for the PDF: label, text, and whether it is marked for review."""
    fields = []
    for name, value in record.items():
        marked = isinstance(value, dict) and "review" in value and "value" in value
        fields.append(
            {
                "label": name.replace("_", " ").capitalize(),
                "text": _text(value["value"] if marked else value),
                "review": value["review"] if marked else "",
            }
        )
    return fields


def subject_access_sections(export: SubjectAccessExport) -> list[dict[str, Any]]:
    """Each section of the export (after its heading block) as a title and a list of records."""
    sections = []
    for name, content in export.data.items():
        if name == "export":
            continue
        records = content if isinstance(content, list) else ([] if content is None else [content])
        sections.append(
            {"title": name.replace("_", " ").capitalize(), "records": [pdf_fields(r) for r in records]}
        )
    return sections


def subject_access_html(export: SubjectAccessExport) -> str:
    return render_to_string(
        SUBJECT_ACCESS_TEMPLATE,
        {
            "export": export,
            "about": export.data["export"],
            "sections": subject_access_sections(export),
            "marking": PROTECTIVE_MARKING,
        },
    )


def subject_access_pdf(export: SubjectAccessExport) -> bytes:
    return pdf_from_html(subject_access_html(export))


def subject_access_filename(export: SubjectAccessExport, extension: str) -> str:
    """Neutral: the referral's number and the date, never a person's name."""
    return f"subject-access-referral-{export.referral.pk}-{export.produced_at:%Y-%m-%d}.{extension}"
