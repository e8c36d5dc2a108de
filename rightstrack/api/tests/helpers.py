"""Helpers of the API tests."""

from __future__ import annotations

import io
import json
import zipfile

# Text only unpublished records carry: no anonymous response may ever contain it.
SECRET = "UNPUBLISHED-DRAFT-MARKER"


def body(response) -> bytes:
    """The body of a plain or a streaming response."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def readable(response) -> bytes:
    """The body; for a Word or Excel file (a zip), the XML of its parts, where a
    marker would be found; for a PDF, its text."""
    content = body(response)
    if content.startswith(b"%PDF"):
        import pymupdf

        try:
            with pymupdf.open(stream=content, filetype="pdf") as pdf:
                return "\n".join(page.get_text() for page in pdf).encode()
        except pymupdf.FileDataError:  # an evidence file calling itself a PDF: its bytes
            return content
    if not content.startswith(b"PK"):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return b"".join(archive.read(name) for name in archive.namelist() if name.endswith((".xml", ".rels")))


def payload(response):
    return json.loads(body(response))
