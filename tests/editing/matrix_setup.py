"""What the role matrix acts on, per target jurisdiction (FRA, HKG): an authority, one of
its designations with a channel and a language rule, a language rule of its art. 18(14)
notification, and a pending change request; and the
current versions, read again before each call (test helper)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.services import submit
from tests.editing.changes import (
    designation_of,
    notification_language_rule,
    provision_16_5,
    requirement_of,
    rules_of,
)
from tests.editing.factories import World
from tests.helpers import gid


@dataclass(frozen=True)
class Ids:
    authority: int
    key: str
    designation: int
    channel: int
    language: int
    pending: int  # a change request an editor of the jurisdiction submitted
    notification_rule: int  # a language rule of the jurisdiction's art. 18(14) notification
    requirement: int = 0  # a legal requirement of the jurisdiction


@dataclass
class Fixture:
    ids: dict[str, Ids]
    versions: dict[str, int] = field(default_factory=dict)
    provision: int = 0  # UNTOC art. 16(5), for the treaty writes

    def version(self, code: str) -> int:
        return self.versions[code]

    def authority(self, code: str) -> dict[str, Any]:
        return {
            "authority": gid("Authority", self.ids[code].key),
            "expectedVersion": self.version(code),
        }

    def designation(self, code: str) -> dict[str, Any]:
        return {
            "designation": gid("Designation", self.ids[code].designation),
            "expectedVersion": self.version(code),
        }

    def rule(self, code: str, kind: str) -> dict[str, Any]:
        type_name = {"channel": "ChannelRule", "language": "LanguageRule"}[kind]
        rule = gid(type_name, getattr(self.ids[code], kind))
        return {"rule": rule, "expectedVersion": self.version(code)}


async def prepare(session: AsyncSession, world: World) -> Fixture:
    provision = await provision_16_5(session)
    ids = {}
    for code, authority, editor in (
        ("FRA", world.fra_authority, world.editor_fra),
        ("HKG", world.hkg_authority, world.editor_chn),
    ):
        jurisdiction = world.fra if code == "FRA" else world.hkg
        d = await designation_of(session, authority)
        channel, language = await rules_of(session, jurisdiction, d)
        pending = await submit(
            session,
            editor,
            i.UpdateAuthority(authority_id=authority.id, expected_version=1, city="Pending"),
            settings=Settings(),
        )
        notified = await notification_language_rule(session, jurisdiction)
        ids[code] = Ids(
            authority.id,
            authority.key,
            d.id,
            channel.id,
            language.id,
            pending.change_request.id,
            notified.id,
            (await requirement_of(session, jurisdiction)).id,
        )
    return Fixture(ids, provision=provision.id)
