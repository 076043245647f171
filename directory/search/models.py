"""The search index: one row per place a query may start in a name, code or city.

Written by ``index.reindex_*`` whenever what it is made from is written (the seed, an
authority's create, update or retire), never by search itself, so a search folds only its
own text and reads the index.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.columns import enum_column
from directory.db import Base, intpk
from directory.enums import TermKind
from directory.search.terms import MAX_TERM

# PostgreSQL compares text by the database's locale, in which "ab c" may sort between "abc"
# and "abd"; a prefix is a range of the index only in code point order, which is what the
# "C" collation gives (SQLite's default, BINARY, is code point order too).
FOLDED = String(MAX_TERM).with_variant(String(MAX_TERM, collation="C"), "postgresql")


class SearchTerm(Base):
    """A tail of a folded name (see ``terms``) of one jurisdiction or one active authority;
    ``text`` is the name, code or city as stored, ``rank`` the match a prefix of the tail
    gives (``services.MatchKind``: 2 prefix, 3 word prefix, 4 inside an unspaced word)."""

    __tablename__ = "search_term"
    __table_args__ = (
        CheckConstraint("(jurisdiction_id IS NULL) <> (authority_id IS NULL)", name="one_owner"),
    )

    id: Mapped[intpk]
    jurisdiction_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="CASCADE"), index=True
    )
    authority_id: Mapped[int | None] = mapped_column(
        ForeignKey("authority.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[TermKind] = mapped_column(enum_column(TermKind, name="term_kind"))
    language: Mapped[str] = mapped_column(String(12), default="")
    text: Mapped[str] = mapped_column(String(500))
    folded: Mapped[str] = mapped_column(FOLDED, index=True)
    rank: Mapped[int] = mapped_column(Integer)
