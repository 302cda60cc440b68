"""Files attached to programme records are recognised by what they contain: a PDF, a Word or
OpenDocument text, or an image; anything else, a renamed file, a document with macros or a zip bomb
is refused with a reason a person can act on."""

import io
import zipfile

import pytest
from PIL import Image
from pypdf import PdfWriter

from commonground.programme.documents import (
    DOCX_TYPE,
    MAX_UNPACKED_BYTES,
    ODT_TYPE,
    DocumentRefused,
    check_document,
)


def pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Someone"})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(output, format="PNG")
    return output.getvalue()


def archive(entries: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in entries.items():
            zipped.writestr(name, content)
    return output.getvalue()


def odt(**extra: bytes) -> bytes:
    return archive({"mimetype": ODT_TYPE.encode(), "content.xml": b"<office:document/>", **extra})


def docx(**extra: bytes) -> bytes:
    return archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", **extra})


def test_a_pdf_is_accepted_and_loses_its_metadata():
    checked = check_document(pdf())
    assert checked.content_type == "application/pdf" and checked.extension == "pdf"
    assert b"Someone" not in checked.content


def test_a_photo_is_accepted():
    assert check_document(png()).content_type.startswith("image/")


def test_word_and_opendocument_texts_are_accepted_as_sent():
    assert check_document(odt()).content_type == ODT_TYPE
    sent = docx()
    checked = check_document(sent)
    assert checked.content_type == DOCX_TYPE and checked.content == sent and checked.size == len(sent)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00 an executable renamed to report.pdf", "must be a PDF, a Word"),
        (b"%PDF-1.7 not really a pdf", "could not be opened"),
        (archive({"notes.txt": b"hello"}), "must be a PDF, a Word"),
        (docx(**{"word/vbaProject.bin": b"macro"}), "macros"),
        (odt(**{"Basic/Standard/Module1.xml": b"macro"}), "macros"),
        (b"PK\x03\x04 broken archive", "could not be opened"),
        (b"x" * (11 * 1024 * 1024), "smaller than 10MB"),
    ],
)
def test_other_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(DocumentRefused, match=reason):
        check_document(data)


def test_a_zip_bomb_is_refused_unopened():
    bomb = archive({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"0" * (MAX_UNPACKED_BYTES + 1)})
    assert len(bomb) < 1024 * 1024
    with pytest.raises(DocumentRefused, match="too large once opened"):
        check_document(bomb)
