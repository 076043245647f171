"""The search index: names, codes and cities folded once, when written

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

Search used to read every stored name and fold it on every request: its time grew with the
data (9-12 times slower at 100 times the rows, about half of it in Python). ``search_term``
holds one row per place a query may start in a name, alias, code or city (the name's tail
from that word on, folded), under an index; a search reads one range of it. On PostgreSQL
the column is compared in the "C" collation, the code point order in which a prefix is a
range (SQLite's default collation already is).

The rows of an existing database are written here from its names, aliases and cities,
with the functions the application writes them with (``directory.search.terms``: plain
functions over plain values, no ORM), so the index is right from the first request.

House rules: one concern per revision; reversible; no ORM imports.
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from directory.search.terms import authority_terms, jurisdiction_terms

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("CODE", "NAME", "ALIAS", "CITY")
FOLDED = sa.String(500).with_variant(sa.String(500, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "search_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jurisdiction_id", sa.Integer(), nullable=True),
        sa.Column("authority_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(*KINDS, name="term_kind", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("folded", FOLDED, nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(jurisdiction_id IS NULL) <> (authority_id IS NULL)",
            name=op.f("ck_search_term_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["jurisdiction_id"],
            ["jurisdiction.id"],
            name=op.f("fk_search_term_jurisdiction_id_jurisdiction"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["authority_id"],
            ["authority.id"],
            name=op.f("fk_search_term_authority_id_authority"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_term")),
    )
    with op.batch_alter_table("search_term") as batch:
        batch.create_index(batch.f("ix_search_term_folded"), ["folded"])
        batch.create_index(batch.f("ix_search_term_jurisdiction_id"), ["jurisdiction_id"])
        batch.create_index(batch.f("ix_search_term_authority_id"), ["authority_id"])
    _fill(op.get_bind())


def _fill(bind: sa.Connection) -> None:
    meta = sa.MetaData()
    tables = {
        name: sa.Table(name, meta, autoload_with=bind)
        for name in ("jurisdiction", "jurisdiction_name", "jurisdiction_alias", "authority",
                     "authority_name", "search_term")
    }
    j, jn, ja = tables["jurisdiction"], tables["jurisdiction_name"], tables["jurisdiction_alias"]
    a, an, term = tables["authority"], tables["authority_name"], tables["search_term"]
    names: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for j_id, language, name in bind.execute(sa.select(jn.c.jurisdiction_id, jn.c.language, jn.c.name)):
        names[j_id].append((language, name))
    aliases: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for j_id, kind, language, alias in bind.execute(
        sa.select(ja.c.jurisdiction_id, ja.c.kind, ja.c.language, ja.c.alias)
    ):
        aliases[j_id].append((kind, language, alias))
    rows = []
    for j_id, code, alpha2 in bind.execute(sa.select(j.c.id, j.c.code, j.c.alpha2)):
        for kind, language, text, folded, rank in jurisdiction_terms(
            code, alpha2, names[j_id], aliases[j_id]
        ):
            rows.append({"jurisdiction_id": j_id, "authority_id": None, "kind": kind,
                         "language": language, "text": text, "folded": folded, "rank": rank})
    a_names: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for a_id, language, name in bind.execute(sa.select(an.c.authority_id, an.c.language, an.c.name)):
        a_names[a_id].append((language, name))
    for a_id, city in bind.execute(sa.select(a.c.id, a.c.city).where(a.c.status == "ACTIVE")):
        for kind, language, text, folded, rank in authority_terms(a_names[a_id], city):
            rows.append({"jurisdiction_id": None, "authority_id": a_id, "kind": kind,
                         "language": language, "text": text, "folded": folded, "rank": rank})
    if rows:
        bind.execute(sa.insert(term), rows)


def downgrade() -> None:
    op.drop_table("search_term")
