"""The context words the recognizers use, per category, in one table.

The benchmark gives a peer tool exactly these lists (``bench/pii/presidio_setup.py``), so a
comparison never rests on Shouhu knowing more words than the peer was told.
"""

from __future__ import annotations

from .addresses import CONTEXT_WORDS as ADDRESS_WORDS
from .dates import TRIGGER_WORDS as BIRTH_WORDS
from .keywords import KEYWORDS, NOT_PERSONAL
from .names import CLOSING_WORDS, PERSON_CUE_WORDS, SIGNOFF_WORDS_ZH
from .names import CONTEXT_WORDS as NAME_WORDS


def context_words() -> dict[str, tuple[str, ...]]:
    """Return category → the words that support it (keywords, name labels and titles, English person
    labels, addressing conventions and sign-offs, Chinese letter closings, foreign-worker words, address
    labels, birth-date triggers), each list in a stable order without duplicates."""
    table: dict[str, list[str]] = {}
    for word, categories in KEYWORDS.items():
        for category in categories:
            if category != NOT_PERSONAL:
                table.setdefault(category, []).append(word)
    table.setdefault("person_name", []).extend(NAME_WORDS)
    table["person_name"].extend(PERSON_CUE_WORDS)
    table["person_name"].extend((*SIGNOFF_WORDS_ZH, *CLOSING_WORDS))  # 敬祝 … ⏎ 王小明, 王小明 敬上
    table.setdefault("address", []).extend(ADDRESS_WORDS)
    table.setdefault("birth_date", []).extend(BIRTH_WORDS)
    return {cat: tuple(dict.fromkeys(words)) for cat, words in sorted(table.items())}
