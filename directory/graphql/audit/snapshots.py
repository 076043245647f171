"""Revision snapshots and change-request payloads as a client reads them.

The audit room stores what a write saw, as the database had it: snake_case column names
and row ids (``{"jurisdiction_id": 5, "channel_code": "FAX", "urgent_only": true}``). A
client knows only the API's names and global IDs, so this module gives the same data back
in them (``{"jurisdiction": "SnVyaXNkaWN0aW9uOkZSQQ==", "channel": "FAX", "urgentOnly":
true}``):

- keys in camelCase, at any depth (names, contacts, office hours, sources);
- every reference by row id becomes the global ID of the object it names, under the name
  without ``_id`` (``authority_id`` → ``authority``): the one ID a client can pass back to
  ``node(id:)`` or to a mutation; a reference to a row that no longer exists is null;
- a column holding the code of a vocabulary term (``subject_code``, ``channel_code``: a
  ``…_code`` foreign key, ``code_columns()``) becomes the code under its field's name
  (``subject_code`` → ``subject``), as in the inputs; any other ``…_code`` column keeps its
  name (``postal_code`` → ``postalCode``);
- the entity's own ``id`` becomes its global ID.

Old revisions are converted as they are read, so the feed is the same for every revision
whenever it was written. Lookups go through the request's loaders (a page of revisions
costs one statement per kind of reference, not one per revision).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from directory.db import Base
from directory.editing.validation import graphql_name
from directory.graphql.context import Info
from directory.graphql.loaders import Loaders
from directory.graphql.nodes import pair_key, to_global_id


@dataclass(frozen=True)
class Ref:
    """A reference column: the type it names, and how its key is read (None: the row id is
    the key; else the loader and the key of the row it finds)."""

    type_name: str
    loader: Callable[[Loaders], Any] | None = None
    key: Callable[[Any], str] | None = None


_JURISDICTION = Ref("Jurisdiction", lambda loaders: loaders.jurisdiction_by_id, lambda r: r.code)
_INSTRUMENT = Ref("Instrument", lambda loaders: loaders.instrument_by_id, lambda r: r.code)
REFS: dict[str, Ref] = {
    "jurisdiction_id": _JURISDICTION,
    "territory_id": _JURISDICTION,
    "requesting_id": _JURISDICTION,
    "parent_id": _JURISDICTION,
    "authority_id": Ref("Authority", lambda loaders: loaders.authority_by_id, lambda r: r.key),
    "instrument_id": _INSTRUMENT,
    "supplements_id": _INSTRUMENT,
    "designation_id": Ref("Designation"),
    "provision_id": Ref("Provision"),
    "requirement_id": Ref("Requirement"),
    "notification_id": Ref(
        "Notification",
        lambda loaders: loaders.notification_by_id,
        lambda r: pair_key(r.jurisdiction_id, r.provision_id),
    ),
}


@cache
def code_columns() -> frozenset[str]:
    """Columns that hold a vocabulary term's code (``vocabulary_code`` columns: a ``…_code``
    foreign key), read from the models so that a new one (a measure, …) needs no entry
    here; read on first use, once every model module is imported."""
    return frozenset(
        column.name
        for table in Base.metadata.tables.values()
        for column in table.columns
        if column.name.endswith("_code") and column.foreign_keys
    )


def field_name(key: str) -> str:
    """The snake_case name of the field a stored key fills: a reference without ``_id``
    (``authority_id`` → ``authority``), a vocabulary code without ``_code``."""
    if key in REFS:
        return key.removesuffix("_id")
    if key in code_columns():
        return key.removesuffix("_code")
    return key


# The Node type of each revision's entity type, and of each change kind's ``rule_id``.
NODE_TYPE = {
    "authority": "Authority",
    "designation": "Designation",
    "channel_rule": "ChannelRule",
    "language_rule": "LanguageRule",
    "notification": "Notification",
    "participation": "Participation",
    "instrument": "Instrument",
    "provision": "Provision",
    "requirement": "Requirement",
}


async def reference(info: Info, ref: Ref, row_id: int) -> str | None:
    """The global ID of the row ``row_id`` of ``ref``'s type; None when it is gone."""
    if ref.loader is None or ref.key is None:
        return to_global_id(ref.type_name, row_id)
    row = await ref.loader(info.context.loaders).load(row_id)
    return None if row is None else to_global_id(ref.type_name, ref.key(row))


async def public_json(
    info: Info, data: Any, *, own_id: str | None = None, refs: dict[str, Ref] = REFS
) -> Any:
    """``data`` (a snapshot or a change's input) in the API's names and global IDs;
    ``own_id`` replaces the top-level ``id`` (the entity's own global ID)."""
    if isinstance(data, list):
        return [await public_json(info, item, refs=refs) for item in data]
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    pending: list[tuple[str, Ref, Any]] = []
    for key, value in data.items():
        if key == "id":  # a row id: only the entity's own, as its global ID
            if own_id is not None:
                out["id"] = own_id
        elif key in refs:
            pending.append((key, refs[key], value))
        elif key in code_columns():
            out[str(graphql_name(field_name(key)))] = value
        else:
            out[str(graphql_name(key))] = await public_json(info, value, refs=refs)
    # references last: ``jurisdiction_id`` wins over a ``jurisdiction`` code kept beside it
    for key, ref, value in pending:
        name = str(graphql_name(key.removesuffix("_id")))
        out[name] = await reference(info, ref, value) if isinstance(value, int) else None
    return out
