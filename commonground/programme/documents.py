"""Files attached to programme records (a self-assessment's evidence, an evaluation report, a
briefing's attachments): a PDF, a Word or OpenDocument text, or an image, each recognised by its
content, never by its name or the type the browser claims.

PDFs and images are checked and cleaned exactly as the report line's evidence is (scripts refused,
metadata dropped). A Word (.docx) or OpenDocument (.odt) file is a zip archive: it is accepted when
the archive opens, names itself as such a document (the OpenDocument `mimetype` entry; Word's
`[Content_Types].xml` and `word/document.xml`), carries no macros, and does not unpack to more than
MAX_UNPACKED_BYTES (a zip bomb is refused unopened). It is kept as sent: we do not rewrite it."""

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from commonground.reports.evidence import EvidenceRefused, clean_pdf
from commonground.reports.photos import MAX_BYTES, PhotoRefused, clean_photo

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 5000
PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
ZIP_SIGNATURE = b"PK\x03\x04"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Macros in either kind of document.
MACRO_PARTS = ("vbaproject.bin", "basic/", "scripts/")

ACCEPTED_HINT = "a PDF, a Word or OpenDocument text file, or a photo"


class DocumentRefused(ValueError):
    """Why a file was not accepted, in words for the person who chose it."""


@dataclass(frozen=True)
class CheckedDocument:
    content: bytes
    content_type: str
    extension: str

    @property
    def size(self) -> int:
        return len(self.content)


def _not_accepted() -> DocumentRefused:
    return DocumentRefused(_("The selected file must be %(kinds)s") % {"kinds": _(ACCEPTED_HINT)})


def check_document(data: bytes) -> CheckedDocument:
    """The file, checked (and for a PDF or image, cleaned); or `DocumentRefused` with the reason."""
    if not data:
        raise DocumentRefused(_("The selected file is empty"))
    if len(data) > MAX_BYTES:
        raise DocumentRefused(_("The file must be smaller than 10MB"))
    try:
        if data.startswith(b"%PDF-"):
            cleaned = clean_pdf(data)
            return CheckedDocument(cleaned.content, cleaned.content_type, cleaned.extension)
        if data.startswith(PHOTO_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
            cleaned = clean_photo(data)
            return CheckedDocument(cleaned.content, cleaned.content_type, cleaned.extension)
    except (EvidenceRefused, PhotoRefused) as refused:
        raise DocumentRefused(str(refused)) from None
    if data.startswith(ZIP_SIGNATURE):
        return _check_text_document(data)
    raise _not_accepted()


def _check_text_document(data: bytes) -> CheckedDocument:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
        if len(entries) > MAX_ARCHIVE_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED_BYTES:
            raise DocumentRefused(_("The document is too large once opened. Send it as a PDF instead"))
        names = {entry.filename for entry in entries}
        lowered = {name.lower() for name in names}
        if any(name.endswith(MACRO_PARTS[0]) or name.startswith(MACRO_PARTS[1:]) for name in lowered):
            raise DocumentRefused(
                _("The document contains macros, which we cannot accept. Save it without them, or as a PDF")
            )
        is_odt = entries and entries[0].filename == "mimetype"
        if is_odt and archive.read("mimetype").strip() == ODT_TYPE.encode():
            return CheckedDocument(data, ODT_TYPE, "odt")
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return CheckedDocument(data, DOCX_TYPE, "docx")
    except DocumentRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError, NotImplementedError):
        raise DocumentRefused(_("The document could not be opened. Check it opens on your device")) from None
    raise _not_accepted()
