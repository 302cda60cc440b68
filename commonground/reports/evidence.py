"""Evidence sent with a hate-incident report: photos and screenshots (checked and cleaned exactly as
tension photos are, in photos.py) and PDF documents, each recognised by its content, never by its
name or the type the browser claims.

A PDF is accepted only if it starts with `%PDF-`, parses, is not encrypted, has at most
MAX_PDF_PAGES pages and carries no JavaScript or launch action anywhere in its objects. It is then
rewritten page by page into a new document, which leaves behind: the document information
(author, creator, dates), XMP metadata, the catalogue's open action, named scripts, embedded files,
forms, outlines, and each page's annotations (links, comments, attachments), metadata and
application data. What is NOT cleaned: what the pages show (text, images, including any metadata
inside images drawn on a page) and font names."""

import io
import re

from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from commonground.reports.photos import MAX_BYTES, CleanPhoto, PhotoRefused, clean_photo

MAX_PDF_PAGES = 30
MAX_PDF_OBJECTS = 20000  # a document with more objects than this is refused rather than walked
PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
SCRIPT_KEYS = {"/JS", "/JavaScript", "/AA", "/Launch"}
SCRIPT_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
# The raw bytes are checked too, for scripts in objects nothing refers to.
RAW_SCRIPT = re.compile(rb"/(JavaScript|JS)(?![A-Za-z0-9])")
PAGE_KEYS_DROPPED = ("/Annots", "/Metadata", "/PieceInfo", "/AA")


class EvidenceRefused(PhotoRefused):
    pass


def _not_accepted() -> EvidenceRefused:
    return EvidenceRefused(_("The selected file must be a photo, a screenshot or a PDF"))


def _is_photo(data: bytes) -> bool:
    return data.startswith(PHOTO_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def clean_evidence(data: bytes) -> CleanPhoto:
    if len(data) > MAX_BYTES:
        raise EvidenceRefused(_("The file must be smaller than 10MB"))
    if data.startswith(b"%PDF-"):
        return clean_pdf(data)
    if _is_photo(data):
        return clean_photo(data)
    raise _not_accepted()


def clean_pdf(data: bytes) -> CleanPhoto:
    if not data.startswith(b"%PDF-"):
        raise _not_accepted()
    if RAW_SCRIPT.search(data):
        raise _has_script()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise EvidenceRefused(_("The PDF is protected by a password. Send a copy without a password"))
        if len(reader.pages) > MAX_PDF_PAGES:
            raise EvidenceRefused(_("The PDF must have %(count)d pages or fewer") % {"count": MAX_PDF_PAGES})
        if _carries_script(reader):
            raise _has_script()
        writer = PdfWriter()
        for page in reader.pages:
            added = writer.add_page(page)
            for key in PAGE_KEYS_DROPPED:
                added.pop(NameObject(key), None)
        writer.metadata = None  # no document information at all, not even the producer
        output = io.BytesIO()
        writer.write(output)
    except EvidenceRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError):
        raise EvidenceRefused(_("The PDF could not be opened. Check it opens on your device")) from None
    return CleanPhoto(content=output.getvalue(), content_type="application/pdf", extension="pdf")


def _has_script() -> EvidenceRefused:
    return EvidenceRefused(
        _("The PDF contains a script, which we cannot accept. Send a screenshot of it instead")
    )


def _carries_script(reader: PdfReader) -> bool:
    """Whether any object reachable from the document's trailer names a script or launch action."""
    seen: set[tuple[int, int]] = set()
    pending: list = [reader.trailer]
    visited = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise EvidenceRefused(_("The PDF is too complex. Send a screenshot of it instead"))
        if isinstance(item, DictionaryObject):
            if SCRIPT_KEYS & set(item.keys()) or item.get("/S") in SCRIPT_ACTIONS:
                return True
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return False
