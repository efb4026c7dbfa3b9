"""Read the text of a PDF the portal made, with pypdf (pure Python: no poppler on the machine)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def _reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-"), "not a PDF"
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    """The text of every page in reading order, pages separated by a form feed."""
    return "\f".join(page.extract_text() for page in _reader(data).pages)


def pdf_pages(data: bytes) -> int:
    return len(_reader(data).pages)
