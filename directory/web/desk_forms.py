"""The five forms of the desk, each shown (``form``) and read back into an
``editing.inputs`` change (``change``): an authority, a designation, a channel rule, a
language rule, a legal requirement, new or edited.

Edits follow the inputs' semantics: an authority's update sends only what differs from the
entry as it stands (``None`` = unchanged, ``""`` clears), a designation or rule update
sends every field, the ones the form does not show kept from the row. New sources are
added to the ones a fact already cites. Nothing is checked here but the form's own shapes
(a date, a number): the rules are the editing services', applied by the desk.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities import models as am
from directory.authorities.requirements import Requirement, RequirementKind
from directory.enums import (
    BasisCondition,
    ChannelPermission,
    ContactKind,
    Direction,
    RequirementStatus,
)
from directory.treaties import models as tm
from directory.treaties import services as treaties
from directory.web import labels
from directory.web.desk_fields import (
    Field,
    Form,
    Section,
    source_rows,
)
from directory.web.labels import N_

__all__ = ["KINDS", "Current", "build", "cited"]

Gettext = Callable[[str], str]
KINDS = ("authority", "designation", "channel-rule", "language-rule", "requirement")
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
BASES = {
    BasisCondition.WHEN_IN_FORCE: N_("When the instrument binds both States"),
    BasisCondition.UNLESS_IN_FORCE: N_("Unless the instrument binds both States"),
    BasisCondition.NO_TREATY: N_("When no treaty binds both States"),
}


@dataclass
class Current:
    """What a form edits (None: a new one) and what it hangs off."""

    what: str  # one of KINDS
    jurisdiction: tm.Jurisdiction
    authority: am.Authority | None = None
    designation: am.Designation | None = None
    rule: am.ChannelRule | am.LanguageRule | None = None
    requirement: Requirement | None = None
    names: list[am.AuthorityName] = dataclasses.field(default_factory=list)
    contacts: list[am.AuthorityContact] = dataclasses.field(default_factory=list)
    cited: list[tm.Source] = dataclasses.field(default_factory=list)
    # what a new designation or rule hangs off when it is itself still in the basket: the
    # placeholder id of that edit (``inputs.ref``)
    authority_ref: int | None = None
    designation_ref: int | None = None

    @property
    def row(self) -> object | None:
        rows = {
            "authority": self.authority,
            "designation": self.designation,
            "requirement": self.requirement,
        }
        return rows.get(self.what, self.rule)


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
        "measure": named("measure", await treaties.vocabulary(session, am.Measure), True),
        "requirement": named(
            "requirement", await treaties.vocabulary(session, RequirementKind), False
        ),
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
    if c.what == "requirement":
        fields = _requirement(c, _, v, instrument)
        return Form([Section(_(N_("Legal requirement")), fields), sources])
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


def _requirement(
    c: Current, _: Gettext, v: dict[str, list[tuple[str, str]]], instrument: str
) -> list[Field]:
    q = c.requirement
    statuses = [(k.value, labels.enum(_, k)) for k in RequirementStatus]
    bases = [("", "—"), *((k.value, _(label)) for k, label in BASES.items())]
    subjects = [("", "—"), *v["subject"]]
    return [
        Field("kind", _(N_("Kind")), "select", _at(q, "kind_code"), v["requirement"]),
        Field("status", _(N_("Status")), "select", _at(q, "status", "REQUIRED"), statuses),
        Field("subject", _(N_("Subject")), "select", _at(q, "subject_code"), subjects),
        Field("measure", _(N_("Measure")), "select", _at(q, "measure_code"), v["measure"]),
        Field("instrument", _(N_("Instrument")), "select", instrument, v["instrument"]),
        Field(
            "basisCondition",
            _(N_("Condition on the legal basis")),
            "select",
            _at(q, "basis_condition"),
            bases,
        ),
        Field("text", _(N_("Text")), "textarea", _at(q, "text")),
        Field("url", _(N_("Link to the legislation or guide")), value=_at(q, "url")),
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
