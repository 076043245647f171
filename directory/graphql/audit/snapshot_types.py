"""The typed ``before`` / ``after`` of a revision: the union ``EntitySnapshot`` of one object
type per kind of entity a revision records.

The audit room stores a snapshot as the database had it (snake_case columns, row ids:
``{"jurisdiction_id": 5, "channel_code": "FAX", "urgent_only": true}``). ``snapshot`` reads
it into the type of its entity, under the API's names:

- a reference by row id becomes the global ID of the object it names, under the name without
  ``_id`` (``authority_id`` → ``authority``; null when that row is gone); a treaty fact's
  ``jurisdiction`` and ``instrument`` codes become their global IDs likewise;
- a vocabulary term's code column is the code under its field's name (``subject_code`` →
  ``subject``), as the inputs take it (``snapshots.field_name``);
- dates, times and enums are typed; names, contacts, office hours and sources are typed lists;
- the entity's own ``id`` is left out: ``Revision.entityId`` carries it, and an ``id`` on two
  snapshots of one entity (before and after) would make a normalizing client cache (Apollo,
  Relay) merge them into one object.

Every field is nullable: a revision written before a field existed, or a partial one (a
confirmation records only ``lastConfirmedOn``), answers null for what it does not hold, and a
stored value the type no longer accepts (an enum value since renamed) is null too. A stored
key that no field maps is NOT silently dropped in a later release: ``unmapped`` lists such
keys, and a test runs it over every model's columns and every kind of revision written.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum
from functools import cache
from typing import Annotated, Any, Union

import strawberry

import directory.graphql.authorities.enums  # registers the authorities' enums
import directory.graphql.treaties.enums  # noqa: F401  # registers the treaties' enums
from directory.enums import (
    AuthorityStatus,
    BasisCondition,
    ChannelPermission,
    ConsentType,
    ContactKind,
    Direction,
    ExtraditionBasis,
    NotificationStatus,
    ProvisionKind,
    RequirementStatus,
    Verification,
)
from directory.graphql.audit.snapshots import REFS, field_name, reference
from directory.graphql.context import Info
from directory.graphql.nodes import to_global_id

ID = strawberry.ID
_VERIFICATION = "How far it was confirmed."
_NOTES = "Remarks of the directory's editors."
_MEASURE = "Code of the only measure it was for (service of documents, search, …)."
_REQUESTING = "Global ID of the only requesting State it was for."
_GROUP = "Code of the only group of requesting States it was for."
_BASIS_INSTRUMENT = "Global ID of the instrument its condition on the legal basis names."
_BASIS = "Its condition on the legal basis, about `instrument`."


@strawberry.type(description="One of an authority's names, as a revision recorded it.")
class AuthorityNameSnapshot:
    language: str | None = strawberry.field(description="ISO 639 code of its language.")
    name: str | None = strawberry.field(description="The name.")
    is_original: bool | None = strawberry.field(
        description="Whether it was the authority's own name, in its own language."
    )


@strawberry.type(
    description="A contact of an authority, as a revision recorded it. A restricted one "
    "shown to a caller not entitled to it has `value` and `label` null and `redacted` true."
)
class ContactSnapshot:
    kind: ContactKind | None = strawberry.field(description="Phone, fax, e-mail or person.")
    value: str | None = strawberry.field(
        description="E.164 number, address or function; null when redacted."
    )
    label: str | None = strawberry.field(description="What it was for; null when redacted.")
    restricted: bool | None = strawberry.field(
        description="Whether it was shown only to practitioners, the secretariat and its "
        "State's editors."
    )
    redacted: bool = strawberry.field(
        description="True when its value and label are withheld from this caller."
    )


@strawberry.type(description="An opening of the office, as a revision recorded it.")
class OfficeHoursSnapshot:
    weekday: int | None = strawberry.field(description="0 = Monday … 6 = Sunday.")
    opens: dt.time | None = strawberry.field(description="Local time it opened.")
    closes: dt.time | None = strawberry.field(description="Local time it closed.")


@strawberry.type(description="A source a treaty fact cited, as a revision recorded it.")
class SourceSnapshot:
    url: str | None = strawberry.field(description="Its address, if it has one.")
    document: str | None = strawberry.field(description="Its document symbol, if it has one.")
    seen_on: dt.date | None = strawberry.field(description="When it was read.")


@strawberry.type(description="An `Authority` as a revision recorded it.")
class AuthoritySnapshot:
    key: str | None = strawberry.field(description="Its stable key.")
    jurisdiction: ID | None = strawberry.field(description="Its jurisdiction's global ID.")
    street_address: str | None = strawberry.field(description="Postal address.")
    city: str | None = strawberry.field(description="City of the postal address.")
    postal_code: str | None = strawberry.field(description="Postal code.")
    website: str | None = strawberry.field(description="Its website.")
    time_zone: str | None = strawberry.field(description="IANA time zone of its office hours.")
    notes: str | None = strawberry.field(description=_NOTES)
    status: AuthorityStatus | None = strawberry.field(description="Active or retired.")
    verification: Verification | None = strawberry.field(description=_VERIFICATION)
    last_confirmed_on: dt.date | None = strawberry.field(
        description="When its State last confirmed the entry (the one field a "
        "confirmation records)."
    )
    version: int | None = strawberry.field(description="Its version.")
    names: list[AuthorityNameSnapshot] | None = strawberry.field(description="Its names.")
    contacts: list[ContactSnapshot] | None = strawberry.field(
        description="Its phones, faxes, e-mails and contact persons, in order."
    )
    office_hours: list[OfficeHoursSnapshot] | None = strawberry.field(
        description="Its office hours."
    )


@strawberry.type(description="A `Designation` as a revision recorded it.")
class DesignationSnapshot:
    authority: ID | None = strawberry.field(description="The designated authority's global ID.")
    subject: str | None = strawberry.field(description="Code of its subject (MLA, …).")
    provision: ID | None = strawberry.field(
        description="Global ID of the provision it was notified under."
    )
    stage: str | None = strawberry.field(description="Code of the procedural stage it was for.")
    matter: str | None = strawberry.field(description="Code of the kind of case it was for.")
    territory: ID | None = strawberry.field(
        description="Global ID of the territory it was limited to."
    )
    subdivision: str | None = strawberry.field(description="ISO 3166-2 code it was limited to.")
    measure: str | None = strawberry.field(description=_MEASURE)
    requesting: ID | None = strawberry.field(description=_REQUESTING)
    requesting_group: str | None = strawberry.field(description=_GROUP)
    instrument: ID | None = strawberry.field(description=_BASIS_INSTRUMENT)
    basis_condition: BasisCondition | None = strawberry.field(description=_BASIS)
    direction: Direction | None = strawberry.field(description="Incoming, outgoing or both.")
    residual: bool | None = strawberry.field(
        description="Whether it also served subjects without a designation of their own."
    )
    priority: int | None = strawberry.field(description="Lower = preferred.")
    designated_under: str | None = strawberry.field(
        description="Its legal basis, in the State's words."
    )
    notes: str | None = strawberry.field(description=_NOTES)
    verification: Verification | None = strawberry.field(description=_VERIFICATION)


@strawberry.type(description="A `ChannelRule` as a revision recorded it.")
class ChannelRuleSnapshot:
    jurisdiction: ID | None = strawberry.field(description="Its jurisdiction's global ID.")
    designation: ID | None = strawberry.field(
        description="Global ID of the designation it was narrowed to."
    )
    subject: str | None = strawberry.field(description="Code of the only subject it was for.")
    instrument: ID | None = strawberry.field(
        description="Global ID of the only instrument it applied under (with "
        "`basisCondition`: the instrument the condition names)."
    )
    basis_condition: BasisCondition | None = strawberry.field(description=_BASIS)
    measure: str | None = strawberry.field(description=_MEASURE)
    requesting: ID | None = strawberry.field(description=_REQUESTING)
    requesting_group: str | None = strawberry.field(description=_GROUP)
    channel: str | None = strawberry.field(description="Code of its channel kind.")
    permission: ChannelPermission | None = strawberry.field(
        description="Accepted, required or refused."
    )
    urgent_only: bool | None = strawberry.field(description="Only for urgent requests.")
    prior_agreement_required: bool | None = strawberry.field(
        description="Only where the two States agreed to it."
    )
    written_confirmation_required: bool | None = strawberry.field(
        description="To be confirmed in writing."
    )
    original_to_follow: bool | None = strawberry.field(
        description="The signed original had to follow."
    )
    original_within_days: int | None = strawberry.field(
        description="Days within which the original had to follow."
    )
    preference: int | None = strawberry.field(description="Lower = preferred.")
    condition: str | None = strawberry.field(description="A further condition.")
    verification: Verification | None = strawberry.field(description=_VERIFICATION)


@strawberry.type(description="A `LanguageRule` as a revision recorded it.")
class LanguageRuleSnapshot:
    jurisdiction: ID | None = strawberry.field(description="Its jurisdiction's global ID.")
    designation: ID | None = strawberry.field(
        description="Global ID of the designation it was narrowed to."
    )
    notification: ID | None = strawberry.field(
        description="Global ID of the notification it belonged to."
    )
    subject: str | None = strawberry.field(description="Code of the only subject it was for.")
    instrument: ID | None = strawberry.field(
        description="Global ID of the only instrument it applied under (with "
        "`basisCondition`: the instrument the condition names)."
    )
    basis_condition: BasisCondition | None = strawberry.field(description=_BASIS)
    language: str | None = strawberry.field(description="ISO 639 code of the language.")
    preference: int | None = strawberry.field(description="Lower = preferred.")
    condition: str | None = strawberry.field(description="When it was accepted.")
    verification: Verification | None = strawberry.field(description=_VERIFICATION)


@strawberry.type(description="A `Notification` as a revision recorded it.")
class NotificationSnapshot:
    jurisdiction: ID | None = strawberry.field(description="Its jurisdiction's global ID.")
    provision: ID | None = strawberry.field(description="Global ID of the provision.")
    instrument: ID | None = strawberry.field(description="Global ID of the provision's instrument.")
    article: str | None = strawberry.field(description="The provision's article (16(5), …).")
    status: NotificationStatus | None = strawberry.field(description="Whether it notified.")
    extradition_basis: ExtraditionBasis | None = strawberry.field(
        description="Its answer under an extradition-basis provision."
    )
    condition: str | None = strawberry.field(description="The condition it set.")
    summary: str | None = strawberry.field(description="What it notified.")
    notified_on: dt.date | None = strawberry.field(description="Day of the notification.")
    depositary_reference: str | None = strawberry.field(description="The depositary's reference.")
    verification: Verification | None = strawberry.field(description=_VERIFICATION)
    notes: str | None = strawberry.field(description=_NOTES)
    sources: list[SourceSnapshot] | None = strawberry.field(description="Where it was read.")


@strawberry.type(description="A `Participation` as a revision recorded it.")
class ParticipationSnapshot:
    jurisdiction: ID | None = strawberry.field(description="Its jurisdiction's global ID.")
    instrument: ID | None = strawberry.field(description="The instrument's global ID.")
    signed_on: dt.date | None = strawberry.field(description="Day of signature.")
    consent_on: dt.date | None = strawberry.field(description="Day of consent to be bound.")
    consent_type: ConsentType | None = strawberry.field(description="How it consented.")
    party_date_unknown: bool | None = strawberry.field(
        description="A party whose consent date the sources did not give."
    )
    status_as_of: dt.date | None = strawberry.field(
        description="The newest status date among its sources."
    )
    territorial_application: str | None = strawberry.field(
        description="Its declaration on territorial application."
    )
    verification: Verification | None = strawberry.field(description=_VERIFICATION)
    notes: str | None = strawberry.field(description=_NOTES)
    sources: list[SourceSnapshot] | None = strawberry.field(description="Where it was read.")


@strawberry.type(description="An `Instrument` as a revision recorded it.")
class InstrumentSnapshot:
    code: str | None = strawberry.field(description="Its code (UNTOC, ETS182, …).")
    short_title: str | None = strawberry.field(description="Short English title.")
    title: str | None = strawberry.field(description="Full English title.")
    depositary_chapter: str | None = strawberry.field(description="Its UN Treaty Collection place.")
    supplements: ID | None = strawberry.field(
        description="Global ID of the convention it supplements."
    )
    adopted_on: dt.date | None = strawberry.field(description="Day of adoption.")
    entry_into_force_on: dt.date | None = strawberry.field(description="Day of entry into force.")
    days_to_entry_into_force: int | None = strawberry.field(
        description="Days after a later consent until it binds that party."
    )
    sources: list[SourceSnapshot] | None = strawberry.field(description="Where it was read.")


@strawberry.type(description="A `Provision` as a revision recorded it.")
class ProvisionSnapshot:
    instrument: ID | None = strawberry.field(description="The instrument's global ID.")
    article: str | None = strawberry.field(description="The article as cited (18(13), …).")
    kind: ProvisionKind | None = strawberry.field(description="What States notify under it.")
    subject: str | None = strawberry.field(description="Code of the subject it concerns.")
    summary: str | None = strawberry.field(description="What it asks of States.")
    sources: list[SourceSnapshot] | None = strawberry.field(description="Where it was read.")


@strawberry.type(description="A legal `Requirement` as a revision recorded it.")
class RequirementSnapshot:
    jurisdiction: ID | None = strawberry.field(description="Its jurisdiction's global ID.")
    kind: str | None = strawberry.field(description="Requirement kind code.")
    status: RequirementStatus | None = strawberry.field(description="What the State said of it.")
    subject: str | None = strawberry.field(description="Code of the only subject it was for.")
    measure: str | None = strawberry.field(description=_MEASURE)
    instrument: ID | None = strawberry.field(description=_BASIS_INSTRUMENT)
    basis_condition: BasisCondition | None = strawberry.field(description=_BASIS)
    text: str | None = strawberry.field(description="What it said.")
    url: str | None = strawberry.field(description="The legislation or guide it linked to.")
    verification: Verification | None = strawberry.field(description=_VERIFICATION)


EntitySnapshot = Annotated[
    Union[  # noqa: UP007 - strawberry.union annotates a typing.Union
        AuthoritySnapshot,
        DesignationSnapshot,
        ChannelRuleSnapshot,
        LanguageRuleSnapshot,
        NotificationSnapshot,
        ParticipationSnapshot,
        InstrumentSnapshot,
        ProvisionSnapshot,
        RequirementSnapshot,
    ],
    strawberry.union(
        "EntitySnapshot",
        description="An entity as a revision recorded it, typed by its kind (the revision's "
        "`entityType`). Every field is null when the revision does not hold it: older "
        "revisions and confirmations record fewer fields.",
    ),
]

# The snapshot type of each revision's ``entity_type``.
SNAPSHOT_TYPE: dict[str, type] = {
    "authority": AuthoritySnapshot,
    "designation": DesignationSnapshot,
    "channel_rule": ChannelRuleSnapshot,
    "language_rule": LanguageRuleSnapshot,
    "notification": NotificationSnapshot,
    "participation": ParticipationSnapshot,
    "instrument": InstrumentSnapshot,
    "provision": ProvisionSnapshot,
    "requirement": RequirementSnapshot,
}
# Stored keys holding a code that is its object's natural key (a treaty fact's snapshot
# keeps them beside the row ids): the global ID is built from the code, no lookup needed.
CODE_REFS = {"jurisdiction": "Jurisdiction", "instrument": "Instrument"}
# Stored keys deliberately not shown: the entity's own row id (see the module docstring).
NOT_SHOWN = frozenset({"id"})


@cache
def _fields(cls: type) -> dict[str, Any]:
    """Field name → its type, without the ``| None``."""
    hints = typing.get_type_hints(cls)
    return {name: _required(hint) for name, hint in hints.items() if not name.startswith("_")}


def _required(hint: Any) -> Any:
    if typing.get_origin(hint) in (Union, types.UnionType):
        [inner] = [a for a in typing.get_args(hint) if a is not type(None)]
        return inner
    return hint


def unmapped(cls: type, stored: dict[str, Any], path: str = "") -> list[str]:
    """Stored keys (at any depth) that no field of ``cls`` shows, as dotted paths."""
    fields = _fields(cls)
    found = []
    for key, value in stored.items():
        if key in NOT_SHOWN:
            continue
        name = field_name(key)
        if name not in fields:
            found.append(f"{path}{key}")
            continue
        item_type = _item_type(fields[name])
        if item_type is not None and isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    found += unmapped(item_type, item, f"{path}{key}.{i}.")
    return found


def _item_type(hint: Any) -> type | None:
    """The snapshot type of a list field's items; None for any other field."""
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return item if isinstance(item, type) else None
    return None


def _value(hint: Any, value: Any) -> Any:
    """``value`` as ``hint``; None when it is missing or no longer a valid one."""
    if value is None:
        return None
    item_type = _item_type(hint)
    try:
        if item_type is not None:
            return [_plain(item_type, v) for v in value if isinstance(v, dict)]
        if hint is dt.date:
            return dt.date.fromisoformat(value)
        if hint is dt.time:
            return dt.time.fromisoformat(value)
        if isinstance(hint, type) and issubclass(hint, Enum):
            return hint(value)
    except (TypeError, ValueError):
        return None
    if hint is ID or hint is str:
        return value if isinstance(value, str) else None
    if hint is bool or hint is int:
        return value if type(value) is hint else None
    return value  # pragma: no cover - every field type is handled above


def _plain(cls: type, stored: dict[str, Any]) -> Any:
    """A nested item (a name, a contact, …): no references inside."""
    fields = _fields(cls)
    values = {name: _value(hint, stored.get(name)) for name, hint in fields.items()}
    if "redacted" in fields:
        values["redacted"] = stored.get("redacted") is True
    return cls(**values)


async def snapshot(info: Info, entity_type: str, stored: dict[str, Any] | None) -> Any:
    """The typed snapshot of a revision's ``before`` or ``after`` (None stays None)."""
    if stored is None:
        return None
    cls = SNAPSHOT_TYPE[entity_type]
    fields = _fields(cls)
    values: dict[str, Any] = dict.fromkeys(fields)
    references = []
    for key, value in stored.items():
        name = field_name(key)
        if key in NOT_SHOWN or name not in fields:
            continue  # unmapped: ``unmapped`` and its test say which
        if key in REFS:
            references.append((name, key, value))
        elif key in CODE_REFS and isinstance(value, str):
            values[name] = to_global_id(CODE_REFS[key], value)
        else:
            values[name] = _value(fields[name], value)
    # references last: ``jurisdiction_id`` wins over a ``jurisdiction`` code kept beside it
    for name, key, value in references:
        found = await reference(info, REFS[key], value) if isinstance(value, int) else None
        values[name] = None if found is None else ID(found)
    return cls(**values)
