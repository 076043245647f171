"""A change request in words: what it changes, on which entry, each field before and after.

    changes_of(request)   THE ONE READER of ``ChangeRequest.payload``: (kind, input) pairs
    describe(session, request)  one ``Described`` per change: the entity, and per field
                          its label key with the stored value (before) and the proposed one
                          (after), as lines of ``Word``s

"Before" is what the directory holds now (so a reviewer sees today's value even when the
entry moved since the editor read it); "after" is the proposal. Codes become the names the
data gives them (subjects, channels, instruments, States, authorities); a surface may put
its own translated words on a ``Word`` that carries a ``vocabulary`` and a ``code``.

An update shows only the fields it changes (a partial update names nothing else; a full
replacement repeats unchanged values, left out here); a creation shows every field it
sets, a removal every field the entry had. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.snapshot import authority_snapshot, row_snapshot
from directory.authorities.models import (
    Authority,
    AuthorityName,
    ChannelKind,
    ChannelRule,
    Designation,
    LanguageRule,
    Matter,
    Measure,
    ProceduralStage,
    authority_source,
    channel_rule_source,
    designation_source,
    language_rule_source,
)
from directory.authorities.requirements import Requirement, RequirementKind, requirement_source
from directory.editing.inputs import ChangeKind, payload_items
from directory.editing.models import ChangeRequest
from directory.treaties.models import (
    Instrument,
    Jurisdiction,
    JurisdictionGroup,
    Provision,
    Source,
    Subject,
)

__all__ = ["Described", "FieldChange", "Word", "changes_of", "describe"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def changes_of(request: ChangeRequest) -> list[tuple[ChangeKind, dict[str, Any]]]:
    """Every change ``request`` proposes, as (kind, input dict) in the order it applies
    them. The input dict has ``directory.editing.inputs``' field names and JSON values;
    a key absent or None leaves that field as it is. The only code that reads the
    payload's shape: a new shape is adapted here alone."""
    return [
        (ChangeKind(item["kind"]), dict(item["input"])) for item in payload_items(request.payload)
    ]


@dataclass(frozen=True)
class Word:
    """One line of a value. ``text`` is the words from the data (a name, free text, a
    number); ``vocabulary`` and ``code`` let a surface use its own words instead:
    an open vocabulary (``subject``, ``stage``, ``matter``, ``channel``), ``enum`` (a
    closed value), ``language`` (ISO 639), ``name`` (an authority's name, ``code`` its
    language, ``detail`` "original"), ``boolean`` (``true``/``false``), ``weekday``
    (0 = Monday), ``source`` (``code`` its kind). ``detail`` follows the term (a contact's
    value, a source's address)."""

    text: str
    vocabulary: str | None = None
    code: str | None = None
    detail: str | None = None


Value = tuple[Word, ...]


@dataclass(frozen=True)
class FieldChange:
    key: str  # the input's field name (``city``, ``contacts``): a surface's label key
    before: Value
    after: Value

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class Described:
    kind: ChangeKind
    entity: str  # authority | designation | channel_rule | language_rule | requirement
    action: str  # create | update | remove
    subject: Value  # which entry: the authority's name, a designation's subject and authority
    fields: list[FieldChange]
    entity_id: int | None = None


async def describe(session: AsyncSession, request: ChangeRequest) -> list[Described]:
    words = _Words(session)
    return [await _describe(words, kind, data) for kind, data in changes_of(request)]


# -- words for values --------------------------------------------------------------------


class _Words:
    """Looks codes and ids up (once each) and turns values into words."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._cache: dict[tuple[str, object], Value] = {}

    async def _once(self, key: tuple[str, object], make: Callable[[], Any]) -> Value:
        if key not in self._cache:
            self._cache[key] = await make()
        return self._cache[key]

    async def vocabulary(self, vocabulary: str, model: type[Any], code: str | None) -> Value:
        if not code:
            return ()

        async def make() -> Value:
            row = await self.session.get(model, code)
            return (Word(row.name if row else code, vocabulary, code),)

        return await self._once((vocabulary, code), make)

    async def jurisdiction(self, code: str | None = None, id_: int | None = None) -> Value:
        if code is None and id_ is None:
            return ()

        async def make() -> Value:
            stmt = select(Jurisdiction)
            stmt = stmt.where(Jurisdiction.code == code if code else Jurisdiction.id == id_)
            row = await self.session.scalar(stmt)
            shown = row.code if row else str(code)
            return (Word(shown, "jurisdiction", shown),)

        return await self._once(("jurisdiction", code or id_), make)

    async def instrument(self, code: str | None = None, id_: int | None = None) -> Value:
        if code is None and id_ is None:
            return ()

        async def make() -> Value:
            stmt = select(Instrument)
            stmt = stmt.where(Instrument.code == code if code else Instrument.id == id_)
            row = await self.session.scalar(stmt)
            return (Word(row.short_title if row else str(code or id_)),)

        return await self._once(("instrument", code or id_), make)

    async def provision(self, id_: int | None) -> Value:
        if id_ is None:
            return ()

        async def make() -> Value:
            row = await self.session.get(Provision, id_)
            if row is None:
                return (Word(f"#{id_}"),)
            (title,) = await self.instrument(id_=row.instrument_id)
            return (Word(f"{title.text}, art. {row.article}"),)

        return await self._once(("provision", id_), make)

    async def authority_name(self, authority_id: int | None) -> Value:
        if authority_id is None:
            return ()

        async def make() -> Value:
            names = (
                await self.session.scalars(
                    select(AuthorityName).where(AuthorityName.authority_id == authority_id)
                )
            ).all()
            chosen = next((n for n in names if n.language == "en"), None) or next(
                (n for n in names if n.is_original), names[0] if names else None
            )
            return (Word(chosen.name if chosen else f"#{authority_id}"),)

        return await self._once(("authority", authority_id), make)

    async def designation(self, designation_id: int | None) -> Value:
        if designation_id is None:
            return ()

        async def make() -> Value:
            row = await self.session.get(Designation, designation_id)
            if row is None:
                return (Word(f"#{designation_id}"),)
            subject = await self.vocabulary("subject", Subject, row.subject_code)
            (name,) = await self.authority_name(row.authority_id)
            return (Word(subject[0].text, "subject", row.subject_code, detail=name.text),)

        return await self._once(("designation", designation_id), make)

    async def sources(self, given: Sequence[dict[str, Any]] | None, ids: Sequence[int]) -> Value:
        lines = []
        if ids:
            rows = await self.session.scalars(select(Source).where(Source.id.in_(ids)))
            lines += [_source_word(row_snapshot(r)) for r in sorted(rows, key=lambda r: r.id)]
        lines += [_source_word(s) for s in given or ()]
        return tuple(lines)

    async def cited(self, table: Any, column: str, entity_id: int) -> list[int]:
        rows = await self.session.execute(
            select(table.c.source_id).where(table.c[column] == entity_id)
        )
        return sorted(r[0] for r in rows)


def _source_word(s: dict[str, Any]) -> Word:
    where = s.get("url") or s.get("document") or ""
    title = s.get("title")
    return Word(title or where, "source", str(s.get("kind") or ""), detail=where if title else None)


def _text(value: Any) -> Value:
    if value is None or value == "":
        return ()
    return (Word(str(value)),)


def _flag(value: Any) -> Value:
    if value is None:
        return ()
    return (Word("yes" if value else "no", "boolean", "true" if value else "false"),)


def _enum(value: Any) -> Value:
    if value is None:
        return ()
    code = str(getattr(value, "value", value))
    return (Word(code, "enum", code),)


def _names(names: Sequence[dict[str, Any]] | None) -> Value:
    return tuple(
        Word(n["name"], "name", n["language"], detail="original" if n.get("is_original") else None)
        for n in sorted(names or (), key=lambda n: n["language"])
    )


def _contacts(contacts: Sequence[dict[str, Any]] | None) -> Value:
    return tuple(
        Word(
            c["kind"],
            "enum",
            str(c["kind"]),
            detail=c["value"] + (f" ({c['label']})" if c.get("label") else ""),
        )
        for c in contacts or ()
    )


def _hours(hours: Sequence[dict[str, Any]] | None) -> Value:
    return tuple(
        Word(
            WEEKDAYS[h["weekday"]] if 0 <= h["weekday"] < 7 else str(h["weekday"]),
            "weekday",
            str(h["weekday"]),
            detail=f"{str(h['opens'])[:5]}–{str(h['closes'])[:5]}",
        )
        for h in sorted(hours or (), key=lambda h: (h["weekday"], str(h["opens"])))
    )


# -- one change --------------------------------------------------------------------------

_AUTHORITY_TEXT = ("street_address", "city", "postal_code", "website", "time_zone", "notes")
_AUTHORITY_KINDS = {
    ChangeKind.CREATE_AUTHORITY: "create",
    ChangeKind.UPDATE_AUTHORITY: "update",
    ChangeKind.RETIRE_AUTHORITY: "remove",
}
_RULES: dict[ChangeKind, tuple[str, str, type[Any], Any]] = {
    ChangeKind.CREATE_DESIGNATION: ("designation", "create", Designation, designation_source),
    ChangeKind.UPDATE_DESIGNATION: ("designation", "update", Designation, designation_source),
    ChangeKind.REMOVE_DESIGNATION: ("designation", "remove", Designation, designation_source),
    ChangeKind.CREATE_CHANNEL_RULE: ("channel_rule", "create", ChannelRule, channel_rule_source),
    ChangeKind.UPDATE_CHANNEL_RULE: ("channel_rule", "update", ChannelRule, channel_rule_source),
    ChangeKind.REMOVE_CHANNEL_RULE: ("channel_rule", "remove", ChannelRule, channel_rule_source),
    ChangeKind.CREATE_LANGUAGE_RULE: (
        "language_rule",
        "create",
        LanguageRule,
        language_rule_source,
    ),
    ChangeKind.UPDATE_LANGUAGE_RULE: (
        "language_rule",
        "update",
        LanguageRule,
        language_rule_source,
    ),
    ChangeKind.REMOVE_LANGUAGE_RULE: (
        "language_rule",
        "remove",
        LanguageRule,
        language_rule_source,
    ),
    ChangeKind.CREATE_REQUIREMENT: ("requirement", "create", Requirement, requirement_source),
    ChangeKind.UPDATE_REQUIREMENT: ("requirement", "update", Requirement, requirement_source),
    ChangeKind.REMOVE_REQUIREMENT: ("requirement", "remove", Requirement, requirement_source),
}
_ENTITY_ID = {"designation": "designation_id", "requirement": "requirement_id"}


async def _describe(words: _Words, kind: ChangeKind, data: dict[str, Any]) -> Described:
    if kind in _AUTHORITY_KINDS:
        return await _authority(words, kind, data)
    return await _rule(words, kind, data)


def _pairs(
    action: str, before: dict[str, Value], after: dict[str, Value], keys: Sequence[str]
) -> list[FieldChange]:
    """The fields to show: for an update those it changes (``after`` holds only the fields
    it names), for a creation those it sets, for a removal those the entry had."""
    out = []
    for key in keys:
        if action == "update" and key not in after:
            continue
        pair = FieldChange(key, before.get(key, ()), after.get(key, ()))
        if pair.changed or (action == "remove" and pair.before):
            out.append(pair)
    return out


async def _authority(words: _Words, kind: ChangeKind, data: dict[str, Any]) -> Described:
    action = _AUTHORITY_KINDS[kind]
    keys = ("names", *_AUTHORITY_TEXT, "office_hours", "contacts", "verification", "sources")
    before: dict[str, Value] = {}
    after: dict[str, Value] = {}
    authority_id = data.get("authority_id")
    authority = await words.session.get(Authority, authority_id) if authority_id else None
    if authority is not None:
        snap = await authority_snapshot(words.session, authority)
        before = {
            "names": _names(snap["names"]),
            **{f: _text(snap.get(f)) for f in _AUTHORITY_TEXT},
            "office_hours": _hours(snap["office_hours"]),
            "contacts": _contacts(snap["contacts"]),
            "verification": _enum(snap.get("verification")),
            "sources": await words.sources(
                None, await words.cited(authority_source, "authority_id", authority.id)
            ),
        }
    if action != "remove":
        makers: dict[str, Callable[[Any], Value]] = {
            "names": _names,
            "office_hours": _hours,
            "contacts": _contacts,
            "verification": _enum,
            **{f: _text for f in _AUTHORITY_TEXT},
        }
        for key, make in makers.items():
            if data.get(key) is not None:
                after[key] = make(data[key])
        if data.get("sources") is not None or data.get("source_ids") is not None:
            given, ids = data.get("sources"), data.get("source_ids") or []
            after["sources"] = await words.sources(given, ids)
    if action == "create":
        subject = _names(data.get("names"))[:1]
    else:
        subject = await words.authority_name(authority_id)
    return Described(
        kind, "authority", action, subject, _pairs(action, before, after, keys), authority_id
    )


_RULE_KEYS = {
    "designation": (
        "subject",
        "direction",
        "provision",
        "stage",
        "matter",
        "territory",
        "subdivision",
        "residual",
        "priority",
        "designated_under",
        "notes",
        "measure",
        "requesting",
        "requesting_group",
        "instrument",
        "basis_condition",
        "verification",
        "sources",
    ),
    "channel_rule": (
        "channel",
        "permission",
        "designation",
        "subject",
        "instrument",
        "urgent_only",
        "prior_agreement_required",
        "written_confirmation_required",
        "original_to_follow",
        "original_within_days",
        "preference",
        "condition",
        "measure",
        "requesting",
        "requesting_group",
        "basis_condition",
        "verification",
        "sources",
    ),
    "language_rule": (
        "language",
        "designation",
        "subject",
        "instrument",
        "basis_condition",
        "preference",
        "condition",
        "verification",
        "sources",
    ),
    "requirement": (
        "kind",
        "status",
        "subject",
        "measure",
        "instrument",
        "basis_condition",
        "text",
        "url",
        "verification",
        "sources",
    ),
}
_FLAGS = (
    "residual",
    "urgent_only",
    "prior_agreement_required",
    "written_confirmation_required",
    "original_to_follow",
)
_TEXTS = (
    "subdivision",
    "priority",
    "designated_under",
    "notes",
    "original_within_days",
    "preference",
    "condition",
)


async def _rule_values(words: _Words, fields: dict[str, Any], entity: str) -> dict[str, Value]:
    """Words for a designation's or rule's fields in the input's form (codes, ids)."""
    out: dict[str, Value] = {}
    for key in _RULE_KEYS[entity]:
        # two fields are ids in the input (``designation_id``, ``provision_id``)
        value = fields.get(f"{key}_id" if key in ("designation", "provision") else key)
        if key == "subject":
            out[key] = await words.vocabulary("subject", Subject, value)
        elif key == "stage":
            out[key] = await words.vocabulary("stage", ProceduralStage, value)
        elif key == "matter":
            out[key] = await words.vocabulary("matter", Matter, value)
        elif key == "channel":
            out[key] = await words.vocabulary("channel", ChannelKind, value)
        elif key == "measure":
            out[key] = await words.vocabulary("measure", Measure, value)
        elif key == "requesting_group":
            out[key] = await words.vocabulary("requesting_group", JurisdictionGroup, value)
        elif key == "kind":
            out[key] = await words.vocabulary("requirement_kind", RequirementKind, value)
        elif key == "requesting" or key == "territory":
            out[key] = await words.jurisdiction(code=value) if value else ()
        elif key == "instrument":
            out[key] = await words.instrument(code=value) if value else ()
        elif key == "provision":
            out[key] = await words.provision(value)
        elif key == "designation":
            out[key] = await words.designation(value)
        elif key == "language":
            out[key] = (Word(value, "language", value),) if value else ()
        elif key in ("direction", "permission", "verification", "basis_condition", "status"):
            out[key] = _enum(value)
        elif key in _FLAGS:
            out[key] = _flag(value)
        elif key in _TEXTS or key in ("text", "url"):
            out[key] = _text(value)
    return out


async def _stored_fields(words: _Words, row: Any) -> dict[str, Any]:
    """A stored designation's or rule's fields in the input's form."""
    snap = row_snapshot(row)
    fields = {k.removesuffix("_code"): v for k, v in snap.items()}
    if snap.get("territory_id") is not None:
        (territory,) = await words.jurisdiction(id_=snap["territory_id"])
        fields["territory"] = territory.code
    if snap.get("requesting_id") is not None:
        (requesting,) = await words.jurisdiction(id_=snap["requesting_id"])
        fields["requesting"] = requesting.code
    if snap.get("instrument_id") is not None:
        instrument = await words.session.get(Instrument, snap["instrument_id"])
        fields["instrument"] = instrument.code if instrument else None
    return fields


async def _rule(words: _Words, kind: ChangeKind, data: dict[str, Any]) -> Described:
    entity, action, model, citations = _RULES[kind]
    entity_id = data.get(_ENTITY_ID.get(entity, "rule_id"))
    row = await words.session.get(model, entity_id) if entity_id is not None else None
    before: dict[str, Value] = {}
    if row is not None:
        before = await _rule_values(words, await _stored_fields(words, row), entity)
        before["sources"] = await words.sources(
            None, await words.cited(citations, f"{entity}_id", row.id)
        )
    after: dict[str, Value] = {}
    fields = data.get("fields")
    if action != "remove" and fields is not None:
        after = await _rule_values(words, fields, entity)
        if fields.get("sources") is not None or fields.get("source_ids") is not None:
            after["sources"] = await words.sources(
                fields.get("sources"), fields.get("source_ids") or []
            )
        elif row is not None:
            after["sources"] = before.get("sources", ())
    subject = await _rule_subject(words, entity, data, row, fields)
    described = _pairs(action, before, after, _RULE_KEYS[entity])
    return Described(kind, entity, action, subject, described, entity_id)


async def _rule_subject(
    words: _Words, entity: str, data: dict[str, Any], row: Any, fields: dict[str, Any] | None
) -> Value:
    """Which entry: a designation's subject and authority; a rule's channel or language
    and its State."""
    if entity == "designation":
        if row is not None:
            return await words.designation(row.id)
        subject = await words.vocabulary("subject", Subject, (fields or {}).get("subject"))
        (name,) = await words.authority_name(data.get("authority_id")) or (Word(""),)
        return tuple(Word(w.text, w.vocabulary, w.code, detail=name.text) for w in subject)
    source = fields or {}
    if row is not None and not source:
        source = await _stored_fields(words, row)
    if entity == "channel_rule":
        term = await words.vocabulary("channel", ChannelKind, source.get("channel"))
    elif entity == "requirement":
        term = await words.vocabulary("requirement_kind", RequirementKind, source.get("kind"))
    else:
        code = source.get("language")
        term = (Word(code, "language", code),) if code else ()
    state = data.get("jurisdiction")
    if state is None and row is not None:
        (found,) = await words.jurisdiction(id_=row.jurisdiction_id)
        state = found.code
    return tuple(Word(w.text, w.vocabulary, w.code, detail=state) for w in term)
