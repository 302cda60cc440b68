"""The one PDF renderer never fetches anything: a page that refers to outside images, stylesheets,
fonts and files of the server's disk still renders, and no request of any kind leaves it."""

import socket
import urllib.request

import pytest

from commonground.core.pdf import pdf_from_html

OUTSIDE_REFERENCES = """<!doctype html>
<html><head>
<link rel="stylesheet" href="https://attacker.example/style.css">
<style>
  @import url("http://attacker.example/imported.css");
  @font-face { font-family: Outside; src: url("https://attacker.example/font.woff2"); }
  body { font-family: Outside; background: url("ftp://attacker.example/background.png"); }
</style>
</head><body>
<p>A document that refers to the outside world.</p>
<img src="https://attacker.example/tracker.png" alt="">
<img src="file:///etc/passwd" alt="">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
<object data="http://attacker.example/object.svg"></object>
</body></html>"""


@pytest.fixture
def attempts(monkeypatch):
    """Every outside connection or URL opened while the PDF is made."""
    seen = []

    def refuse_connection(address, *args, **kwargs):
        seen.append(("connect", address))
        raise OSError("no network in this test")

    def refuse_open(self, url, *args, **kwargs):
        seen.append(("open", getattr(url, "full_url", url)))
        raise OSError("no URL may be opened in this test")

    monkeypatch.setattr(socket, "create_connection", refuse_connection)
    monkeypatch.setattr(socket.socket, "connect", lambda self, address: refuse_connection(address))
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse_open)
    return seen


def test_a_page_referring_to_outside_urls_fetches_nothing(attempts):
    pdf = pdf_from_html(OUTSIDE_REFERENCES)

    assert pdf.startswith(b"%PDF")
    assert attempts == []


def test_the_refused_references_do_not_stop_the_document(attempts):
    pdf = pdf_from_html("<p>Plain</p><img src='https://attacker.example/x.png'>")

    assert pdf.startswith(b"%PDF")
    assert attempts == []
