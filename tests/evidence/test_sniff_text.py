"""Evidence text files are recognised by the scanner engine's one encoding sniffer."""

from __future__ import annotations

import io
import random

import pytest

from shouhu.evidence.sniff import FileTypeError, detect


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp950", "utf-16"])
def test_text_in_the_usual_encodings_is_text(encoding: str) -> None:
    data = "客戶名單\n王小明,0912345678\n".encode(encoding)
    assert detect(io.BytesIO(data), "list.txt") == "txt"  # type: ignore[arg-type]


def test_random_binary_named_txt_is_refused() -> None:
    rng = random.Random(1)
    data = bytes(rng.randrange(1, 256) for _ in range(100))  # no NUL byte, not text in any encoding
    with pytest.raises(FileTypeError):
        detect(io.BytesIO(data), "notes.txt")  # type: ignore[arg-type]
