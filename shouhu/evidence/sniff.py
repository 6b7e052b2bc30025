"""File type by content (magic bytes), checked against an allow-list and the file's extension. Pure Python."""

from __future__ import annotations

import io
import zipfile

from shouhu.engines.pii.readers.encoding import detect_encoding
from shouhu.engines.pii.readers.units import SkipError

ALLOWED = {
    "pdf": ("application/pdf", {".pdf"}),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", {".xlsx"}),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", {".pptx"}),
    "png": ("image/png", {".png"}),
    "jpg": ("image/jpeg", {".jpg", ".jpeg"}),
    "txt": ("text/plain", {".txt"}),
    "csv": ("text/csv", {".csv"}),
    "tsv": ("text/tab-separated-values", {".tsv"}),
    "jsonl": ("application/jsonl", {".jsonl"}),
    "sql": ("application/sql", {".sql"}),
    "log": ("text/plain", {".log"}),
    "zip": ("application/zip", {".zip"}),
    "eml": ("message/rfc822", {".eml"}),
}

#: Text kinds by extension (the masking toolkit's TSV, JSONL and SQL copies are stored here too).
TEXT_KINDS = {
    ".txt": "txt",
    ".csv": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".sql": "sql",
    ".log": "log",
    ".eml": "eml",
}
OOXML = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}


class FileTypeError(ValueError):
    """The content is not an allowed type, or does not match its extension."""


def _looks_like_text(head: bytes) -> bool:
    """Text in an encoding the scanner engine recognises (the one encoding sniffer of Shouhu)."""
    try:
        detect_encoding(head)
    except SkipError:
        return False
    return True


def _zip_kind(data: bytes | None, path_reader: io.BufferedIOBase | None) -> str:
    try:
        source = io.BytesIO(data) if data is not None else path_reader
        with zipfile.ZipFile(source) as zf:  # type: ignore[arg-type]
            names = zf.namelist()
    except zipfile.BadZipFile as exc:
        raise FileTypeError("壓縮檔已損毀。/ Corrupt ZIP-based file.") from exc
    if "[Content_Types].xml" in names:
        for prefix, kind in OOXML.items():
            if any(n.startswith(prefix) for n in names):
                return kind
    return "zip"


def detect(fileobj: io.BufferedIOBase, filename: str) -> str:
    """Return the allowed kind ('pdf', 'docx', …) or raise FileTypeError with a zh-TW message."""
    ext = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpg"
    elif head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        kind = _zip_kind(None, fileobj)
        fileobj.seek(0)
    elif head and _looks_like_text(head) and ext in TEXT_KINDS:
        kind = TEXT_KINDS[ext]
        if kind == "eml" and not any(
            h in head[:4096].lower() for h in (b"from:", b"subject:", b"received:", b"mime-version:")
        ):
            raise FileTypeError("內容不是電子郵件格式（.eml）。/ Content is not an e-mail message.")
    else:
        allowed = "、".join(sorted(ALLOWED))
        raise FileTypeError(f"不允許的檔案類型（依內容判斷）。允許：{allowed}。/ File type not allowed.")
    if ext not in ALLOWED[kind][1]:
        raise FileTypeError(
            f"副檔名 {ext or '（無）'} 與檔案內容（{kind}）不符。/ Extension does not match content."
        )
    return kind
