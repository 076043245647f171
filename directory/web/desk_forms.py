"""The four forms of the desk, each shown (``form``) and read back into an
``editing.inputs`` change (``change``): an authority, a designation, a channel rule, a
language rule, new or edited.

Edits follow the inputs' semantics: an authority's update sends only what differs from the
entry as it stands (``None`` = unchanged, ``""`` clears), a designation or rule update
sends every field, the ones the form does not show kept from the row. New sources are
added to the ones a fact already cites. Nothing is checked here but the form's own shapes
(a date, a number): the rules are the editing services', applied by the desk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities import models as am
from directory.editing import inputs as i
from directory.editing.fact_checks import SourceInput
from directory.enums import ChannelPermission, ContactKind, Direction
from directory.treaties import models as tm
from directory.treaties import services as treaties
from directory.web import labels, params
from directory.web.desk_fields import (
    Field,
    Form,
    Rows,
    Section,
    number,
    source_rows,
    sources_from,
    text,
)
from directory.web.labels import N_

__all__ = ["KINDS", "Current", "Read", "build", "cited", "read"]

Gettext = Callable[[str], str]
KINDS = ("authority", "designation", "channel-rule", "language-rule")
NAME_ROWS = 1  # blank rows offered after the names an authority has
CONTACT_ROWS = 2
CONTACT_KINDS = {
    ContactKind.PHONE: N_("Phone"),
    ContactKind.FAX: N_("Fax"),
    ContactKind.EMAIL: N_("E-mail"),
    ContactKind.CONTACT_PERSON: N_("Contact person"),
}
DIRECTIONS = {
    Direction.BOTH: N_("Receives and sends requests"),
    Direction.INCOMING: N_("Receives requests from abroad"),
    Direction.OUTGOING: N_("Sends the State's own requests"),
}
PERMISSIONS = {
    ChannelPermission.ACCEPTED: N_("Accepted"),
    ChannelPermission.REQUIRED: N_("Required (the only way)"),
    ChannelPermission.NOT_ACCEPTED: N_("Not accepted"),
}


@dataclass
class Current:
    """What a form edits (None: a new one) and what it hangs off."""

    what: str  # one of KINDS
    jurisdiction: tm.Jurisdiction
    authority: am.Authority | None = None
    designation: am.Designation | None = None
    rule: am.ChannelRule | am.LanguageRule | None = None
    names: list[am.AuthorityName] = dataclasses.field(default_factory=list)
    contacts: list[am.AuthorityContact] = dataclasses.field(default_factory=list)
    cited: list[tm.Source] = dataclasses.field(default_factory=list)
    # what a new designation or rule hangs off when it is itself still in the basket: the
    # placeholder id of that edit (``inputs.ref``)
    authority_ref: int | None = None
    designation_ref: int | None = None

    @property
    def row(self) -> object | None:
        return {"authority": self.authority, "designation": self.designation}.get(
            self.what, self.rule
        )


async def cited(session: AsyncSession, table: Table, fact_id: int) -> list[tm.Source]:
    return [s for _id, s in await treaties.sources_for(session, table, [fact_id])]


def _flag(value: bool) -> str:
    return "1" if value else ""


def _options(rows: object, blank: bool) -> list[tuple[str, str]]:
    found = [(r.code, r.name) for r in rows]  # type: ignore[attr-defined]
    return [("", "—"), *found] if blank else found


async def _vocabularies(session: AsyncSession, _: Gettext) -> dict[str, list[tuple[str, str]]]:
    def named(vocabulary: str, rows: object, blank: bool) -> list[tuple[str, str]]:
        return [
            (code, labels.term(_, vocabulary, code, name).text if code else name)
            for code, name in _options(rows, blank)
        ]

    return {
        "subject": named("subject", await treaties.vocabulary(session, tm.Subject), False),
        "stage": named("stage", await treaties.vocabulary(session, am.ProceduralStage), True),
        "matter": named("matter", await treaties.vocabulary(session, am.Matter), True),
        "channel": named("channel", await treaties.vocabulary(session, am.ChannelKind), False),
        "instrument": [
            ("", "—"),
            *((x.code, x.code) for x in await treaties.all_instruments(session)),
        ],
    }


async def build(session: AsyncSession, c: Current, _: Gettext, today: dt.date) -> Form:
    """The form of ``c``, filled with the row's current values (blank for a new one)."""
    v = await _vocabularies(session, _)
    instrument = ""
    row = c.row
    if row is not None and getattr(row, "instrument_id", None):
        found = await treaties.instruments_by_ids(session, [row.instrument_id])  # type: ignore[attr-defined]
        instrument = found[0].code if found else ""
    sources = Section(_(N_("New sources (added to those already cited)")), source_rows(_, today))
    if c.what == "authority":
        return Form([*_authority(c, _), sources])
    if c.what == "designation":
        territory = ""
        if c.designation is not None and c.designation.territory_id is not None:
            ts = await treaties.jurisdictions_by_ids(session, [c.designation.territory_id])
            territory = ts[0].code if ts else ""
        return Form([Section(_(N_("Designation")), _designation(c, _, v, territory)), sources])
    if c.what == "channel-rule":
        return Form([Section(_(N_("Channel rule")), _channel(c, _, v, instrument)), sources])
    lr = c.rule
    fields = [
        Field("language", _(N_("Language (ISO 639 code, e.g. fr)")), value=_at(lr, "language")),
        Field("instrument", _(N_("Instrument")), "select", instrument, v["instrument"]),
        Field("preference", _(N_("Preference")), "number", _at(lr, "preference", "0")),
        Field("condition", _(N_("Condition")), "textarea", _at(lr, "condition")),
    ]
    return Form([Section(_(N_("Language rule")), fields), sources])


def _at(row: object | None, name: str, default: str = "") -> str:
    """A row's value as a form shows it (``default`` for a new row or an empty value)."""
    value = getattr(row, name, None) if row is not None else None
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return _flag(value)
    return str(value)


def _designation(
    c: Current, _: Gettext, v: dict[str, list[tuple[str, str]]], territory: str
) -> list[Field]:
    d = c.designation
    directions = [(k.value, _(label)) for k, label in DIRECTIONS.items()]
    residual = _(N_("Residual (when no other authority is designated)"))
    return [
        Field("subject", _(N_("Subject")), "select", _at(d, "subject_code", "MLA"), v["subject"]),
        Field("direction", _(N_("Direction")), "select", _at(d, "direction", "BOTH"), directions),
        Field("stage", _(N_("Procedural stage")), "select", _at(d, "stage_code"), v["stage"]),
        Field("matter", _(N_("Matter")), "select", _at(d, "matter_code"), v["matter"]),
        Field("territory", _(N_("Territory (alpha-3)")), value=territory),
        Field("subdivision", _(N_("Subdivision (ISO 3166-2)")), value=_at(d, "subdivision")),
        Field("residual", residual, "checkbox", _at(d, "residual")),
        Field("priority", _(N_("Priority")), "number", _at(d, "priority", "0")),
        Field("designatedUnder", _(N_("Designated under")), value=_at(d, "designated_under")),
        Field("notes", _(N_("Notes")), "textarea", _at(d, "notes")),
    ]


def _channel(
    c: Current, _: Gettext, v: dict[str, list[tuple[str, str]]], instrument: str
) -> list[Field]:
    r = c.rule
    permissions = [(k.value, _(label)) for k, label in PERMISSIONS.items()]
    checks = {
        "urgentOnly": ("urgent_only", N_("Urgent requests only")),
        "priorAgreementRequired": ("prior_agreement_required", N_("Prior agreement required")),
        "writtenConfirmationRequired": (
            "written_confirmation_required",
            N_("Written confirmation required"),
        ),
        "originalToFollow": ("original_to_follow", N_("The original must follow")),
    }
    return [
        Field("channel", _(N_("Channel")), "select", _at(r, "channel_code"), v["channel"]),
        Field(
            "permission",
            _(N_("Permission")),
            "select",
            _at(r, "permission", "ACCEPTED"),
            permissions,
        ),
        Field("instrument", _(N_("Instrument")), "select", instrument, v["instrument"]),
        *(Field(key, _(label), "checkbox", _at(r, name)) for key, (name, label) in checks.items()),
        Field(
            "originalWithinDays",
            _(N_("Original within (days)")),
            "number",
            _at(r, "original_within_days"),
        ),
        Field("preference", _(N_("Preference")), "number", _at(r, "preference", "0")),
        Field("condition", _(N_("Condition")), "textarea", _at(r, "condition")),
    ]


def _authority(c: Current, _: Gettext) -> list[Section]:
    a = c.authority
    names: list[Field] = []
    rows = [(n.language, n.name, n.is_original) for n in c.names]
    rows += [("", "", False)] * (NAME_ROWS if rows else 2)
    original_label = _(N_("Official name in the original"))
    for n, (language, name, original) in enumerate(rows):
        names += [
            Field(f"names.{n}.language", _(N_("Language (ISO 639 code, e.g. fr)")), value=language),
            Field(f"names.{n}.name", _(N_("Name")), value=name),
            Field(f"names.{n}.isOriginal", original_label, "checkbox", _flag(original)),
        ]
    kinds = [(k.value, _(label)) for k, label in CONTACT_KINDS.items()]
    contacts: list[Field] = []
    crow = [(x.kind.value, x.value, x.label or "", x.restricted) for x in c.contacts]
    crow += [("EMAIL", "", "", True)] * CONTACT_ROWS
    restricted_label = _(N_("Shown to signed-in practitioners only"))
    for n, (kind, value, label, restricted) in enumerate(crow):
        contacts += [
            Field(f"contacts.{n}.kind", _(N_("Kind")), "select", kind, kinds),
            Field(f"contacts.{n}.value", _(N_("Phone, e-mail or name")), value=value),
            Field(f"contacts.{n}.label", _(N_("Label")), value=label),
            Field(f"contacts.{n}.restricted", restricted_label, "checkbox", _flag(restricted)),
        ]

    def val(name: str) -> str:
        return (getattr(a, name) if a else None) or ""

    entry = [
        Field("streetAddress", _(N_("Street address")), "textarea", val("street_address")),
        Field("postalCode", _(N_("Postal code")), value=val("postal_code")),
        Field("city", _(N_("City")), value=val("city")),
        Field("website", _(N_("Website")), value=val("website")),
        Field("timeZone", _(N_("Time zone (e.g. Europe/Paris)")), value=val("time_zone")),
        Field("notes", _(N_("Notes")), "textarea", val("notes")),
    ]
    return [
        Section(_(N_("Names")), names),
        Section(_(N_("Address and website")), entry),
        Section(_(N_("Contacts")), contacts),
    ]


# -- reading a posted form -----------------------------------------------------------------


@dataclass
class Read:
    change: i.Change
    what: str  # the words naming the edit on the desk (data)
    local: list[tuple[str, str]]  # the form's own errors: (key, message to translate)
    rows: Rows


def _count(posted: Mapping[str, str], prefix: str, limit: int = 20) -> int:
    """How many rows of ``prefix`` the form sent (``names.0.…`` … ``names.{n-1}.…``)."""
    n = 0
    while n < limit and any(k.startswith(f"{prefix}.{n}.") for k in posted):
        n += 1
    return n


def _enum(posted: Mapping[str, str], key: str, enum: type, default: object) -> object:
    raw = text(posted, key)
    if raw is None:
        return default
    if raw not in enum.__members__:  # type: ignore[attr-defined]
        raise params.BadParameter(key, raw, "bad_code")
    return enum(raw)


_ALWAYS_SENT = ("sources", "source_ids", "designation_id")


def read(c: Current, posted: Mapping[str, str], today: dt.date, shown: Mapping[str, str]) -> Read:
    """The change the posted form asks for; ``shown`` is what the form showed at first (the
    row as it stands), so that a designation or rule update sets only what was changed."""
    asked = _read(c, posted, today)
    if isinstance(asked.change, i.UpdateDesignation | i.UpdateChannelRule | i.UpdateLanguageRule):
        before = _read(c, shown, today).change
        fields = asked.change.fields
        held = getattr(before, "fields", None)
        unchanged = {
            f.name: i.UNSET
            for f in dataclasses.fields(fields)
            # designation_id stays set: the services find a rule's target from it before
            # they fill the update from the row (an UNSET one reaches SQL)
            if f.name not in _ALWAYS_SENT and getattr(fields, f.name) == getattr(held, f.name, None)
        }
        if fields.sources is None:
            unchanged.update(sources=i.UNSET, source_ids=i.UNSET)
        asked.change = i.with_fields(asked.change, dataclasses.replace(fields, **unchanged))
    return asked


def _read(c: Current, posted: Mapping[str, str], today: dt.date) -> Read:
    local: list[tuple[str, str]] = []
    rows: Rows = {}
    new_sources = sources_from(posted, today, local, rows)
    keep_ids = [s.id for s in c.cited]
    match c.what:
        case "authority":
            change, what = _read_authority(c, posted, local, rows, new_sources, keep_ids)
        case "designation":
            change, what = _read_designation(c, posted, local, new_sources, keep_ids)
        case "channel-rule":
            change, what = _read_channel(c, posted, local, new_sources, keep_ids)
        case _:
            change, what = _read_language(c, posted, local, new_sources, keep_ids)
    return Read(change, what, local, rows)


def _read_authority(
    c: Current,
    posted: Mapping[str, str],
    local: list[tuple[str, str]],
    rows: Rows,
    new_sources: list[SourceInput],
    keep_ids: list[int],
) -> tuple[i.Change, str]:
    names: list[i.NameInput] = []
    rows["names"] = []
    for n in range(_count(posted, "names")):
        language, name = text(posted, f"names.{n}.language"), text(posted, f"names.{n}.name")
        if language is None and name is None:
            continue
        rows["names"].append(n)
        original = bool(posted.get(f"names.{n}.isOriginal"))
        names.append(i.NameInput(language or "", name or "", original))
    contacts: list[i.ContactInput] = []
    rows["contacts"] = []
    for n in range(_count(posted, "contacts")):
        value = text(posted, f"contacts.{n}.value")
        if value is None:
            continue
        rows["contacts"].append(n)
        kind = _enum(posted, f"contacts.{n}.kind", ContactKind, ContactKind.EMAIL)
        contacts.append(
            i.ContactInput(
                kind,  # type: ignore[arg-type]
                value,
                text(posted, f"contacts.{n}.label"),
                bool(posted.get(f"contacts.{n}.restricted")),
            )
        )
    scalars = {
        "street_address": text(posted, "streetAddress"),
        "postal_code": text(posted, "postalCode"),
        "city": text(posted, "city"),
        "website": text(posted, "website"),
        "time_zone": text(posted, "timeZone"),
        "notes": text(posted, "notes"),
    }
    what = names[0].name if names else ""
    a = c.authority
    if a is None:
        return (
            i.CreateAuthority(
                jurisdiction=c.jurisdiction.code,
                names=names,
                contacts=contacts,
                sources=new_sources,
                **scalars,  # type: ignore[arg-type]
            ),
            what,
        )
    # an update names only what differs from the entry as it stands
    changed: dict[str, object] = {}
    for name, value in scalars.items():
        if (value or None) != (getattr(a, name) or None):
            changed[name] = value or ""
    held_names = [i.NameInput(n.language, n.name, n.is_original) for n in c.names]
    held_contacts = [i.ContactInput(x.kind, x.value, x.label, x.restricted) for x in c.contacts]
    return (
        i.UpdateAuthority(
            authority_id=a.id,
            expected_version=a.version,
            names=names if names != held_names else None,
            contacts=contacts if contacts != held_contacts else None,
            sources=new_sources if new_sources else None,
            source_ids=keep_ids if new_sources else None,
            **changed,  # type: ignore[arg-type]
        ),
        what,
    )


def _sources(c: Current, new_sources: list[SourceInput], keep_ids: list[int]) -> dict[str, object]:
    if c.row is None:
        return {"sources": new_sources}
    if not new_sources:
        return {"sources": None, "source_ids": None}  # keep what it cites
    return {"sources": new_sources, "source_ids": keep_ids}


def _read_designation(
    c: Current,
    posted: Mapping[str, str],
    local: list[tuple[str, str]],
    new_sources: list[SourceInput],
    keep_ids: list[int],
) -> tuple[i.Change, str]:
    d = c.designation
    fields = i.DesignationFields(
        subject=params.vocabulary_code(posted, "subject") or "",
        direction=_enum(posted, "direction", Direction, Direction.BOTH),  # type: ignore[arg-type]
        provision_id=d.provision_id if d else None,
        stage=params.vocabulary_code(posted, "stage"),
        matter=params.vocabulary_code(posted, "matter"),
        territory=params.code(posted, "territory"),
        subdivision=text(posted, "subdivision"),
        residual=bool(posted.get("residual")),
        priority=number(posted, "priority", local) or 0,
        designated_under=text(posted, "designatedUnder"),
        notes=text(posted, "notes"),
        **_sources(c, new_sources, keep_ids),  # type: ignore[arg-type]
    )
    if c.authority is None:  # an authority still in the basket: it needs no version
        assert c.authority_ref is not None
        change: i.Change = i.CreateDesignation(c.authority_ref, 1, fields)
    elif d is None:
        change = i.CreateDesignation(c.authority.id, c.authority.version, fields)
    else:
        change = i.UpdateDesignation(d.id, c.authority.version, fields)
    return change, fields.subject


def _rule_base(
    c: Current, posted: Mapping[str, str], local: list[tuple[str, str]]
) -> dict[str, object]:
    designation = c.designation.id if c.designation else c.designation_ref
    return {
        "designation_id": c.rule.designation_id if c.rule else designation,
        "subject": c.rule.subject_code if c.rule else None,
        "instrument": text(posted, "instrument"),
        "preference": number(posted, "preference", local) or 0,
        "condition": text(posted, "condition"),
    }


def _rule_change(c: Current, fields: i.ChannelRuleFields | i.LanguageRuleFields) -> i.Change:
    version = c.authority.version if c.authority is not None else None
    if c.designation_ref is not None:
        version = 1  # its authority is known once the basket is applied
    if isinstance(fields, i.ChannelRuleFields):
        if c.rule is None:
            return i.CreateChannelRule(c.jurisdiction.code, fields, version)
        return i.UpdateChannelRule(c.rule.id, fields, version)
    if c.rule is None:
        return i.CreateLanguageRule(c.jurisdiction.code, fields, version)
    return i.UpdateLanguageRule(c.rule.id, fields, version)


def _read_channel(
    c: Current,
    posted: Mapping[str, str],
    local: list[tuple[str, str]],
    new_sources: list[SourceInput],
    keep_ids: list[int],
) -> tuple[i.Change, str]:
    fields = i.ChannelRuleFields(
        channel=params.vocabulary_code(posted, "channel") or "",
        permission=_enum(posted, "permission", ChannelPermission, ChannelPermission.ACCEPTED),  # type: ignore[arg-type]
        urgent_only=bool(posted.get("urgentOnly")),
        prior_agreement_required=bool(posted.get("priorAgreementRequired")),
        written_confirmation_required=bool(posted.get("writtenConfirmationRequired")),
        original_to_follow=bool(posted.get("originalToFollow")),
        original_within_days=number(posted, "originalWithinDays", local),
        **_rule_base(c, posted, local),  # type: ignore[arg-type]
        **_sources(c, new_sources, keep_ids),  # type: ignore[arg-type]
    )
    return _rule_change(c, fields), fields.channel


def _read_language(
    c: Current,
    posted: Mapping[str, str],
    local: list[tuple[str, str]],
    new_sources: list[SourceInput],
    keep_ids: list[int],
) -> tuple[i.Change, str]:
    fields = i.LanguageRuleFields(
        language=text(posted, "language") or "",
        **_rule_base(c, posted, local),  # type: ignore[arg-type]
        **_sources(c, new_sources, keep_ids),  # type: ignore[arg-type]
    )
    return _rule_change(c, fields), fields.language
