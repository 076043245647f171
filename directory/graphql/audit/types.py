"""The GraphQL ``Revision``: one applied change, as the caller may see it.

``Authority.history`` (a field) and the root ``history`` / ``changes`` queries all return
``Revision`` built from ``directory.audit.services.RevisionView``: the redaction of
restricted contact values happens in the service, once, whichever path asks. The entity is
named by its global ID, and ``before`` / ``after`` are typed snapshots in the API's names and
IDs (``directory.graphql.audit.snapshot_types``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types.lazy_type import LazyType

from directory.audit import services
from directory.graphql.audit.snapshot_types import EntitySnapshot, snapshot
from directory.graphql.audit.snapshots import NODE_TYPE, REFS, reference
from directory.graphql.context import Info
from directory.graphql.enums import describe
from directory.graphql.loaders import referenced
from directory.graphql.nodes import load_nodes, pair_key, row_id, to_global_id
from directory.graphql.pagination import encode_cursor
from directory.graphql.treaties.jurisdiction_types import Jurisdiction

if TYPE_CHECKING:
    from directory.graphql.authorities.types import Authority
    from directory.graphql.editing.types import ChangeRequest

# These modules import this one (an authority lists its history; a change request's
# payload is read as here): their types are named lazily.
_authorities = "directory.graphql.authorities.types"
_editing = "directory.graphql.editing.types"
_Authority: LazyType[str, str] = LazyType("Authority", _authorities)
_ChangeRequest: LazyType[str, str] = LazyType("ChangeRequest", _editing)

# The cursor kind of the ``changes`` feed (``directory.graphql.pagination``).
FEED_CURSOR = "revision"


class RevisionAction(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    RETIRE = "RETIRE"
    REMOVE = "REMOVE"
    CONFIRM = "CONFIRM"


describe(
    RevisionAction,
    "What a revision did to its entity.",
    {
        RevisionAction.CREATE: "Created it.",
        RevisionAction.UPDATE: "Changed some of its fields.",
        RevisionAction.RETIRE: "Retired an authority (it is kept, never deleted).",
        RevisionAction.REMOVE: "Removed a designation or a rule; `before` keeps its last state.",
        RevisionAction.CONFIRM: "A focal point confirmed that the entry is still right.",
    },
)


class RevisionEntityType(StrEnum):
    AUTHORITY = "authority"
    DESIGNATION = "designation"
    CHANNEL_RULE = "channel_rule"
    LANGUAGE_RULE = "language_rule"
    NOTIFICATION = "notification"
    PARTICIPATION = "participation"
    INSTRUMENT = "instrument"
    PROVISION = "provision"
    REQUIREMENT = "requirement"


describe(
    RevisionEntityType,
    "The kind of object a revision changed.",
    {
        RevisionEntityType.AUTHORITY: "An `Authority`.",
        RevisionEntityType.DESIGNATION: "A `Designation`.",
        RevisionEntityType.CHANNEL_RULE: "A `ChannelRule`.",
        RevisionEntityType.LANGUAGE_RULE: "A `LanguageRule`.",
        RevisionEntityType.NOTIFICATION: "A `Notification`.",
        RevisionEntityType.PARTICIPATION: "A `Participation`.",
        RevisionEntityType.INSTRUMENT: "An `Instrument` (no jurisdiction's).",
        RevisionEntityType.PROVISION: "A `Provision` of an instrument (no jurisdiction's).",
        RevisionEntityType.REQUIREMENT: "A legal `Requirement` of a jurisdiction.",
    },
)


@strawberry.type(
    description="One applied change: who, when, what, and the entity before and after. "
    "Restricted contact values are null (`redacted: true`) for callers not entitled to them."
)
class Revision(relay.Node):
    view: strawberry.Private[services.RevisionView]
    occurred_at: dt.datetime = strawberry.field(description="When it was applied (UTC).")
    actor: str = strawberry.field(description="role:token name; the role only for the public.")
    action: RevisionAction = strawberry.field(description="What it did to the entity.")
    entity_type: RevisionEntityType = strawberry.field(description="The kind of object it changed.")
    reason: str | None = strawberry.field(description="Why, as the writer (or reviewer) said.")

    @classmethod
    def from_view(cls, v: services.RevisionView) -> Revision:
        return cls(
            view=v,
            occurred_at=v.occurred_at,
            actor=v.actor,
            action=RevisionAction(v.action.value),
            entity_type=RevisionEntityType(v.entity_type),
            reason=v.reason,
        )

    @classmethod
    def from_row(cls, v: services.RevisionView) -> Revision:
        return cls.from_view(v)

    @classmethod
    def resolve_id(cls, root: Revision, *, info: Info) -> str:
        return str(root.view.id)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_nodes(cls, info.context.revision_by_id, [row_id(i) for i in node_ids])

    @strawberry.field(
        description="Its place in the `changes` feed: pass it as `after` to read the "
        "changes made since."
    )
    def cursor(self) -> str:
        return encode_cursor(FEED_CURSOR, str(self.view.id))

    @strawberry.field(
        description="The global ID of the object it changed (still valid after a removal, "
        "though `node` then answers null)."
    )
    async def entity_id(self, info: Info) -> strawberry.ID:
        v = self.view
        type_name = NODE_TYPE[v.entity_type]
        if type_name in ("Authority", "Instrument"):  # named by their key, not their row id
            ref = REFS["authority_id" if type_name == "Authority" else "instrument_id"]
            found = await reference(info, ref, v.entity_id)
            return strawberry.ID(found or to_global_id(type_name, v.entity_id))
        if type_name == "Notification":
            assert v.jurisdiction_id is not None  # a notification is a jurisdiction's
            snapshot = v.after or v.before or {}
            return strawberry.ID(
                to_global_id(type_name, pair_key(v.jurisdiction_id, snapshot["provision_id"]))
            )
        return strawberry.ID(to_global_id(type_name, v.entity_id))

    @strawberry.field(
        description="The object it changed, as it is now; null once removed, or when the "
        "caller may not see it."
    )
    async def entity(self, info: Info) -> relay.Node | None:
        global_id = relay.GlobalID.from_id(await self.entity_id(info))
        found: relay.Node | None = await global_id.resolve_node(info, required=False)
        return found

    @strawberry.field(
        description="The jurisdiction whose entry it changed; null for an instrument or a "
        "provision (a treaty is no jurisdiction's)."
    )
    async def jurisdiction(self, info: Info) -> Jurisdiction | None:
        if self.view.jurisdiction_id is None:
            return None
        loader = info.context.loaders.jurisdiction_by_id
        return Jurisdiction.from_row(await referenced(loader, self.view.jurisdiction_id))

    @strawberry.field(
        description="The authority whose entry it changed (for a designation or a rule "
        "narrowed to one); null for treaty facts and rules of a whole jurisdiction."
    )
    async def authority(
        self, info: Info
    ) -> Annotated[Authority, strawberry.lazy(_authorities)] | None:
        if self.view.authority_id is None:
            return None
        row = await info.context.loaders.authority_by_id.load(self.view.authority_id)
        if row is None:
            return None
        found: Authority = _Authority.resolve_type().from_row(row)
        return found

    @strawberry.field(
        description="The change request it applied; null when it was applied at once, or "
        "when the caller may not see the request (reviewers see all; State editors their "
        "jurisdictions')."
    )
    async def change_request(
        self, info: Info
    ) -> Annotated[ChangeRequest, strawberry.lazy(_editing)] | None:
        if self.view.change_request_id is None:
            return None
        row = await info.context.change_request_by_id.load(self.view.change_request_id)
        if row is None:
            return None
        found: ChangeRequest = _ChangeRequest.resolve_type().from_row(row)
        return found

    @strawberry.field(
        description="The entity before the change (null when it was created), typed by its "
        "kind: references as global IDs, codes as the inputs take them."
    )
    async def before(self, info: Info) -> EntitySnapshot | None:
        found: EntitySnapshot | None = await snapshot(info, self.view.entity_type, self.view.before)
        return found

    @strawberry.field(
        description="The entity after the change (null when it was removed), typed like "
        "`before`; a confirmation records only `lastConfirmedOn`."
    )
    async def after(self, info: Info) -> EntitySnapshot | None:
        found: EntitySnapshot | None = await snapshot(info, self.view.entity_type, self.view.after)
        return found
