"""One input dataclass per write. Inputs are plain data: a pending change request stores
one as JSON (``to_payload``) and approval rebuilds it (``from_payload``) and re-validates it.

Update semantics: every update is partial. ``UpdateAuthority``: ``None`` = unchanged, ``""``
clears a text field, a list replaces the whole list. Designation and rule updates: a field
left ``UNSET`` is unchanged, any other value (``None`` included) is the new value; the update
is filled from the row before validation (``directory.editing.merge``) and stored cut back
to the fields it sets, so that approval applies them onto the row as it is then.

Batches: a change request may hold several changes (``batch_payload``). A later change
names an authority or designation created by an earlier one of the same batch by a
placeholder id, ``ref(n)`` (negative: ``-(n + 1)`` for the change at index ``n``).

Provenance: every create and update takes ``sources`` (new ones, stored once by URL or
document symbol) and ``source_ids`` (stored ones, reused); on an update ``None`` keeps what
the fact cites and a list replaces it. ``verification`` ``None`` means "what the sources
support"; a fact that cites nothing is stored UNKNOWN (``directory.editing.sources``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, cast

from directory.editing.fact_checks import SourceInput
from directory.enums import (
    BasisCondition,
    ChannelPermission,
    ContactKind,
    Direction,
    RequirementStatus,
    Verification,
)


class _Unset:
    """A field an update leaves alone (not the same as ``None``, which clears it)."""

    _instance: _Unset | None = None

    def __new__(cls) -> _Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Any = _Unset()


def is_set(value: object) -> bool:
    return value is not UNSET


def ref(index: int) -> int:
    """The placeholder id of what the change at ``index`` of a batch creates."""
    return -(index + 1)


def ref_index(placeholder: int | None) -> int | None:
    """The batch index a placeholder id names; None for a stored row's id."""
    if placeholder is None or placeholder >= 0:
        return None
    return -placeholder - 1


BATCH = "CHANGES"  # the kind of a change request holding several changes (``batch_payload``)


class ChangeKind(StrEnum):
    CREATE_AUTHORITY = "CREATE_AUTHORITY"
    UPDATE_AUTHORITY = "UPDATE_AUTHORITY"
    RETIRE_AUTHORITY = "RETIRE_AUTHORITY"
    CREATE_DESIGNATION = "CREATE_DESIGNATION"
    UPDATE_DESIGNATION = "UPDATE_DESIGNATION"
    REMOVE_DESIGNATION = "REMOVE_DESIGNATION"
    CREATE_CHANNEL_RULE = "CREATE_CHANNEL_RULE"
    UPDATE_CHANNEL_RULE = "UPDATE_CHANNEL_RULE"
    REMOVE_CHANNEL_RULE = "REMOVE_CHANNEL_RULE"
    CREATE_LANGUAGE_RULE = "CREATE_LANGUAGE_RULE"
    UPDATE_LANGUAGE_RULE = "UPDATE_LANGUAGE_RULE"
    REMOVE_LANGUAGE_RULE = "REMOVE_LANGUAGE_RULE"
    CREATE_REQUIREMENT = "CREATE_REQUIREMENT"
    UPDATE_REQUIREMENT = "UPDATE_REQUIREMENT"
    REMOVE_REQUIREMENT = "REMOVE_REQUIREMENT"


@dataclass
class NameInput:
    language: str  # ISO 639-1, or 639-3 when the language has no 639-1 code
    name: str
    is_original: bool = False


@dataclass
class ContactInput:
    kind: ContactKind
    value: str  # phones and faxes become E.164; e-mails are normalised
    label: str | None = None
    restricted: bool = True


@dataclass
class OfficeHoursInput:
    weekday: int  # 0 = Monday
    opens: str  # "09:00", in the authority's time zone
    closes: str


@dataclass
class CreateAuthority:
    jurisdiction: str  # ISO 3166-1 alpha-3 of the State or territory
    names: list[NameInput]
    key: str | None = None  # generated from the jurisdiction and the first name when omitted
    street_address: str | None = None
    city: str | None = None
    postal_code: str | None = None
    website: str | None = None
    time_zone: str | None = None
    office_hours: list[OfficeHoursInput] = field(default_factory=list)
    contacts: list[ContactInput] = field(default_factory=list)
    notes: str | None = None
    verification: Verification | None = None
    sources: list[SourceInput] = field(default_factory=list)
    source_ids: list[int] = field(default_factory=list)


@dataclass
class UpdateAuthority:
    authority_id: int
    expected_version: int
    names: list[NameInput] | None = None
    street_address: str | None = None
    city: str | None = None
    postal_code: str | None = None
    website: str | None = None
    time_zone: str | None = None
    office_hours: list[OfficeHoursInput] | None = None
    contacts: list[ContactInput] | None = None
    notes: str | None = None
    verification: Verification | None = None
    sources: list[SourceInput] | None = None
    source_ids: list[int] | None = None


@dataclass
class RetireAuthority:
    authority_id: int
    expected_version: int


@dataclass
class DesignationFields:
    subject: str  # a subject code (MLA, EXTRADITION, …)
    direction: Direction = Direction.BOTH
    provision_id: int | None = None
    stage: str | None = None
    matter: str | None = None
    territory: str | None = None  # alpha-3 of a territory of the authority's State
    subdivision: str | None = None  # ISO 3166-2 (GB-SCT)
    residual: bool = False
    priority: int = 0
    designated_under: str | None = None
    # scope by measure and by requesting side (a State or a group, never both), and the
    # condition on the pair's legal bases with the instrument it names (none for NO_TREATY)
    measure: str | None = None  # a measure code (SERVICE_OF_DOCUMENTS, …)
    requesting: str | None = None  # alpha-3 of the requesting State
    requesting_group: str | None = None  # a jurisdiction group code (EU, …)
    basis_condition: BasisCondition | None = None
    instrument: str | None = None  # instrument code (UNTOC, ETS030, …)
    notes: str | None = None
    verification: Verification | None = None
    sources: list[SourceInput] | None = None
    source_ids: list[int] | None = None


@dataclass
class CreateDesignation:
    authority_id: int
    expected_version: int
    fields: DesignationFields


@dataclass
class UpdateDesignation:
    designation_id: int
    expected_version: int
    fields: DesignationFields


@dataclass
class RemoveDesignation:
    designation_id: int
    expected_version: int


@dataclass
class ChannelRuleFields:
    channel: str  # a channel kind code (DIPLOMATIC, INTERPOL, …)
    permission: ChannelPermission = ChannelPermission.ACCEPTED
    designation_id: int | None = None
    subject: str | None = None
    instrument: str | None = None  # instrument code (UNTOC, …)
    urgent_only: bool = False
    prior_agreement_required: bool = False
    written_confirmation_required: bool = False
    original_to_follow: bool = False
    original_within_days: int | None = None
    preference: int = 0
    condition: str | None = None
    measure: str | None = None
    requesting: str | None = None
    requesting_group: str | None = None
    basis_condition: BasisCondition | None = None  # on ``instrument``
    verification: Verification | None = None
    sources: list[SourceInput] | None = None
    source_ids: list[int] | None = None


@dataclass
class LanguageRuleFields:
    language: str  # ISO 639
    designation_id: int | None = None
    subject: str | None = None
    instrument: str | None = None
    preference: int = 0
    condition: str | None = None
    basis_condition: BasisCondition | None = None  # on ``instrument``
    # the art. 18(14) notification whose language list it is part of (the secretariat's)
    notification_id: int | None = None
    verification: Verification | None = None
    sources: list[SourceInput] | None = None
    source_ids: list[int] | None = None


@dataclass
class CreateChannelRule:
    jurisdiction: str
    fields: ChannelRuleFields
    # Required when the rule hangs off a designation: that authority's version.
    expected_version: int | None = None


@dataclass
class UpdateChannelRule:
    rule_id: int
    fields: ChannelRuleFields
    expected_version: int | None = None


@dataclass
class RemoveChannelRule:
    rule_id: int
    expected_version: int | None = None


@dataclass
class CreateLanguageRule:
    jurisdiction: str
    fields: LanguageRuleFields
    expected_version: int | None = None


@dataclass
class UpdateLanguageRule:
    rule_id: int
    fields: LanguageRuleFields
    expected_version: int | None = None


@dataclass
class RemoveLanguageRule:
    rule_id: int
    expected_version: int | None = None


@dataclass
class RequirementFields:
    """A legal requirement of a jurisdiction (``directory.authorities.requirements``)."""

    kind: str  # a requirement kind code (DUAL_CRIMINALITY, …)
    status: RequirementStatus
    subject: str | None = None
    measure: str | None = None
    basis_condition: BasisCondition | None = None
    instrument: str | None = None  # the instrument the condition names
    text: str | None = None
    url: str | None = None  # national legislation, a guide
    verification: Verification | None = None
    sources: list[SourceInput] | None = None
    source_ids: list[int] | None = None


@dataclass
class CreateRequirement:
    jurisdiction: str
    fields: RequirementFields


@dataclass
class UpdateRequirement:
    requirement_id: int
    fields: RequirementFields


@dataclass
class RemoveRequirement:
    requirement_id: int


Change = (
    CreateAuthority
    | UpdateAuthority
    | RetireAuthority
    | CreateDesignation
    | UpdateDesignation
    | RemoveDesignation
    | CreateChannelRule
    | UpdateChannelRule
    | RemoveChannelRule
    | CreateLanguageRule
    | UpdateLanguageRule
    | RemoveLanguageRule
    | CreateRequirement
    | UpdateRequirement
    | RemoveRequirement
)

# The shapes a designation or rule change comes in, for the code that handles each.
RuleFields = DesignationFields | ChannelRuleFields | LanguageRuleFields | RequirementFields
Creation = CreateDesignation | CreateChannelRule | CreateLanguageRule | CreateRequirement
Update = UpdateDesignation | UpdateChannelRule | UpdateLanguageRule | UpdateRequirement
Removal = RemoveDesignation | RemoveChannelRule | RemoveLanguageRule | RemoveRequirement
RequirementChange = CreateRequirement | UpdateRequirement | RemoveRequirement
RuleEdit = UpdateChannelRule | RemoveChannelRule | UpdateLanguageRule | RemoveLanguageRule
RuleCreation = CreateChannelRule | CreateLanguageRule
RuleUpdate = UpdateChannelRule | UpdateLanguageRule

KIND_OF: dict[type, ChangeKind] = {
    CreateAuthority: ChangeKind.CREATE_AUTHORITY,
    UpdateAuthority: ChangeKind.UPDATE_AUTHORITY,
    RetireAuthority: ChangeKind.RETIRE_AUTHORITY,
    CreateDesignation: ChangeKind.CREATE_DESIGNATION,
    UpdateDesignation: ChangeKind.UPDATE_DESIGNATION,
    RemoveDesignation: ChangeKind.REMOVE_DESIGNATION,
    CreateChannelRule: ChangeKind.CREATE_CHANNEL_RULE,
    UpdateChannelRule: ChangeKind.UPDATE_CHANNEL_RULE,
    RemoveChannelRule: ChangeKind.REMOVE_CHANNEL_RULE,
    CreateLanguageRule: ChangeKind.CREATE_LANGUAGE_RULE,
    UpdateLanguageRule: ChangeKind.UPDATE_LANGUAGE_RULE,
    RemoveLanguageRule: ChangeKind.REMOVE_LANGUAGE_RULE,
    CreateRequirement: ChangeKind.CREATE_REQUIREMENT,
    UpdateRequirement: ChangeKind.UPDATE_REQUIREMENT,
    RemoveRequirement: ChangeKind.REMOVE_REQUIREMENT,
}
CLASS_OF: dict[ChangeKind, type[Change]] = {kind: cls for cls, kind in KIND_OF.items()}

# Nested dataclasses, by field name, for rebuilding a payload.
_NESTED: dict[str, type] = {
    "names": NameInput,
    "contacts": ContactInput,
    "office_hours": OfficeHoursInput,
    "sources": SourceInput,
}
_DATES = ("seen_on", "stated_on")  # SourceInput's dates, ISO strings in a payload
_FIELDS_OF: dict[type, type] = {
    CreateDesignation: DesignationFields,
    UpdateDesignation: DesignationFields,
    CreateChannelRule: ChannelRuleFields,
    UpdateChannelRule: ChannelRuleFields,
    CreateLanguageRule: LanguageRuleFields,
    UpdateLanguageRule: LanguageRuleFields,
    CreateRequirement: RequirementFields,
    UpdateRequirement: RequirementFields,
}


def _json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


def set_fields(fields: RuleFields) -> list[str]:
    """The names of the fields an update sets (every field of a creation)."""
    return [f.name for f in dataclasses.fields(fields) if is_set(getattr(fields, f.name))]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if is_set(getattr(value, f.name))
        }
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _asdict(change: Change) -> dict[str, Any]:
    plain: dict[str, Any] = _plain(change)
    return plain


def with_fields(change: Change, fields: RuleFields) -> Change:
    """``change`` with other ``fields`` (a designation or rule change)."""
    replaced: Change = dataclasses.replace(cast(Any, change), fields=fields)
    return replaced


def to_payload(change: Change, base: dict[str, Any] | None = None) -> dict[str, Any]:
    """JSON-ready form of ``change`` (enums become their values, dates ISO strings; the
    fields an update leaves UNSET are left out), with the ``base`` values it was made on."""
    out = {"kind": KIND_OF[type(change)].value, "input": _json(_asdict(change))}
    if base is not None:
        out["base"] = _json(base)
    return out


def batch_payload(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The payload of a change request holding several changes (each a ``to_payload``)."""
    return {"kind": BATCH, "changes": items}


def payload_items(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Every change a change request's payload holds, in order (one for a single change)."""
    if payload.get("kind") == BATCH:
        return list(payload.get("changes") or [])
    return [payload]


def _item(item_cls: type, item: dict[str, Any]) -> Any:
    if item_cls is SourceInput:
        item = {
            k: dt.date.fromisoformat(v) if k in _DATES and isinstance(v, str) else v
            for k, v in item.items()
        }
    return item_cls(**item)


def _nested(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    for name, item_cls in _NESTED.items():
        if data.get(name) is not None:
            data[name] = [_item(item_cls, item) for item in data[name]]
    return data


def from_payload(payload: dict[str, Any]) -> Change:
    cls: type[Change] = CLASS_OF[ChangeKind(payload["kind"])]
    data = _nested(payload["input"])
    if "fields" in data:
        fields_cls = _FIELDS_OF[cls]
        given = _nested(data["fields"])
        if cls in (UpdateDesignation, UpdateChannelRule, UpdateLanguageRule, UpdateRequirement):
            given = {f.name: given.get(f.name, UNSET) for f in dataclasses.fields(fields_cls)}
        data["fields"] = fields_cls(**given)
    return cls(**data)
