"""A posted desk form read back into an ``editing.inputs`` change (``read``).

Edits follow the inputs' semantics: an authority's update sends only what differs from the
entry as it stands (``None`` = unchanged, ``""`` clears); a designation or rule update sets
only the fields the form changed (``UNSET`` keeps the rest: the merge on approval sees just
those). New sources are added to the ones a fact already cites. Nothing is checked here but
the form's own shapes (a date, a number): the rules are the editing services'.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from directory.editing import inputs as i
from directory.editing.fact_checks import SourceInput
from directory.enums import (
    BasisCondition,
    ChannelPermission,
    ContactKind,
    Direction,
    RequirementStatus,
)
from directory.web import params
from directory.web.desk_fields import Rows, number, sources_from, text
from directory.web.desk_forms import Current

__all__ = ["Read", "read"]


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
    if isinstance(asked.change, i.Update):
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
        case "requirement":
            change, what = _read_requirement(c, posted, new_sources, keep_ids)
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


def _read_requirement(
    c: Current,
    posted: Mapping[str, str],
    new_sources: list[SourceInput],
    keep_ids: list[int],
) -> tuple[i.Change, str]:
    basis = _enum(posted, "basisCondition", BasisCondition, None)
    fields = i.RequirementFields(
        kind=params.vocabulary_code(posted, "kind") or "",
        status=_enum(posted, "status", RequirementStatus, RequirementStatus.REQUIRED),  # type: ignore[arg-type]
        subject=params.vocabulary_code(posted, "subject"),
        measure=params.vocabulary_code(posted, "measure"),
        basis_condition=basis,  # type: ignore[arg-type]
        instrument=text(posted, "instrument"),
        text=text(posted, "text"),
        url=text(posted, "url"),
        **_sources(c, new_sources, keep_ids),  # type: ignore[arg-type]
    )
    if c.requirement is None:
        return i.CreateRequirement(c.jurisdiction.code, fields), fields.kind
    return i.UpdateRequirement(c.requirement.id, fields), fields.kind
