"""The masking fuzz tests' one way to mask bytes as a file: write them to a temporary file of the given type, run
:func:`shouhu.engines.pii.mask.mask_file` with one method for every category, and return the masked bytes."""

from __future__ import annotations

import os
import tempfile

from shouhu.engines.pii import mask

KEY = b"k" * 32


def masked_bytes(data: bytes, suffix: str, method: str = "partial") -> bytes:
    """The masked copy of ``data`` read as a ``suffix`` file (``.csv``, ``.jsonl`` …); both files are removed."""
    fd, src = tempfile.mkstemp(suffix=suffix)
    dst = src + ".out" + suffix
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        mask.mask_file(src, dst, mask.Policy(key=KEY, default=method))
        with open(dst, "rb") as handle:
            return handle.read()
    finally:
        os.unlink(src)
        if os.path.exists(dst):
            os.unlink(dst)
