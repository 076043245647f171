"""The search terms of a text: where in it a typed word may start (plain functions over
plain values, no database: the migration that builds the index uses them too).

A name is found by a query that is a prefix of the name (``PREFIX``) or of one of its later
words (``WORD_PREFIX``). Each such place is stored as one *tail* of the folded name (the
name from that word on), so every match is a prefix of some stored tail, and a prefix is
what a B-tree index answers. In scripts written without spaces between words (Chinese,
Japanese, Thai, …) every character may start a word, so every character starts a tail
(``SUBSTRING``). A match that starts inside a word of a spaced script ("ustice") is not
looked for: it would need every character of every name, a hundred times the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from directory.enums import AliasKind, TermKind
from directory.search.folding import fold

__all__ = [
    "MAX_TERM",
    "PREFIX",
    "SUBSTRING",
    "WORD_PREFIX",
    "Term",
    "authority_terms",
    "jurisdiction_terms",
    "tails",
]

# the values of ``services.MatchKind`` a tail gives when the query is its prefix
PREFIX, WORD_PREFIX, SUBSTRING = 2, 3, 4
MAX_TERM = 500  # characters of a stored tail (the longest name; folding may lengthen it)
# kind, language, text, folded tail, rank (0: a code, matched only whole)
Term = tuple[str, str, str, str, int]
_CODE_ALIASES = (AliasKind.ALPHA2, AliasKind.OTHER_CODE)

# Unicode blocks of scripts written without spaces between words
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0x20000, 0x2FA1F),  # CJK Extensions B-F, Compatibility Supplement
)


def _unspaced(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _UNSPACED)


def tails(folded: str) -> Iterator[tuple[int, str]]:
    """``(rank, tail)`` for every place a query may start in ``folded`` (a ``fold``-ed
    text: words of letters and digits, one space between them)."""
    for i, char in enumerate(folded):
        if char == " ":
            continue
        if i == 0:
            rank = PREFIX
        elif folded[i - 1] == " ":
            rank = WORD_PREFIX
        elif _unspaced(char) or _unspaced(folded[i - 1]):
            rank = SUBSTRING
        else:
            continue
        yield rank, folded[i : i + MAX_TERM]


def _text_terms(kind: TermKind, language: str, text: str) -> Iterable[Term]:
    for rank, tail in tails(fold(text)):
        yield kind.value, language, text[:MAX_TERM], tail, rank


def _code_term(code: str) -> Term:
    return TermKind.CODE.value, "", code, fold(code)[:MAX_TERM], 0


def jurisdiction_terms(
    code: str,
    alpha2: str | None,
    names: Iterable[tuple[str, str]],
    aliases: Iterable[tuple[str, str, str]],
) -> set[Term]:
    """Terms of a jurisdiction: its codes whole, tails of its names and alias names."""
    out = {_code_term(code)} | ({_code_term(alpha2)} if alpha2 else set())
    for language, name in names:
        out.update(_text_terms(TermKind.NAME, language, name))
    for kind, language, alias in aliases:
        if kind in _CODE_ALIASES:
            out.add(_code_term(alias))
        else:
            out.update(_text_terms(TermKind.ALIAS, language, alias))
    return out


def authority_terms(names: Iterable[tuple[str, str]], city: str | None) -> set[Term]:
    """Terms of an active authority: tails of its names in every language and of its city."""
    out: set[Term] = set()
    for language, name in names:
        out.update(_text_terms(TermKind.NAME, language, name))
    if city:
        out.update(_text_terms(TermKind.CITY, "", city))
    return out
