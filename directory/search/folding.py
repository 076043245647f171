"""Accent-, case- and punctuation-insensitive folding of names and queries.

``fold("Côte d’Ivoire") == fold("cote d'ivoire") == "cote d ivoire"``: NFKD splits a letter
from its accents, the combining marks are dropped, ``casefold`` handles ß and final sigma,
and every run of non-alphanumeric characters becomes one space, so apostrophes and dashes
of any script compare equal. Letters NFKD does not decompose (œ, æ, ø, đ, ł) are spelled out.
"""

from __future__ import annotations

import unicodedata

_SPELLED = str.maketrans(
    {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "þ": "th", "ð": "d"}
)


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_SPELLED)
    out: list[str] = []
    space = False
    for char in letters:
        if char.isalnum():
            if space and out:
                out.append(" ")
            out.append(char)
            space = False
        else:
            space = True
    return "".join(out)


def words(folded: str) -> list[str]:
    return folded.split(" ") if folded else []
