"""PDF text layer (pypdf); encrypted PDFs are tried with an empty password, then skipped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..options import ScanOptions
from .units import Lines, SkipError


def read_pdf(handle: BinaryIO, opts: ScanOptions) -> Iterator[Lines]:
    """Yield the text of each page; line numbers run on across pages."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:
        raise SkipError("未安裝 pypdf，略過 PDF / pypdf not installed, PDF skipped") from exc
    try:
        reader = PdfReader(handle)
        if reader.is_encrypted and not reader.decrypt(""):
            raise SkipError("PDF 已加密 / encrypted PDF")
        pages = reader.pages
        count = len(pages)
    except SkipError:
        raise
    except Exception as exc:  # pypdf raises many error types on malformed input
        raise SkipError("PDF 損毀 / corrupt PDF") from exc
    line = 1
    for index in range(count):
        try:
            text = pages[index].extract_text() or ""
        except PdfReadError as exc:
            raise SkipError(f"PDF 第 {index + 1} 頁損毀 / corrupt PDF page {index + 1}") from exc
        if not text.endswith("\n"):
            text += "\n"
        yield Lines(text, line)
        line += text.count("\n")
