"""One payload per mutation: the object created or changed, the change request when one was
made, ``userErrors`` and the echoed ``clientMutationId``.

A write applied at once answers with the rows it wrote (``directory.graphql.writes``); one
queued for review answers with its change request and, when the object already exists, the
object as it is now (unchanged until the request is approved). Refused, a payload holds
only its ``userErrors`` (and the ``clientMutationId``).
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from directory.authorities import models as am
from directory.editing import services
from directory.editing.models import ChangeStatus
from directory.graphql.authorities.rule_types import ChannelRule, LanguageRule
from directory.graphql.authorities.types import Authority, Designation
from directory.graphql.context import Info
from directory.graphql.editing.types import ChangeRequest, WriteStatus, object_id
from directory.graphql.writes import CLIENT_MUTATION_ID, UserError

_STATUS = {
    ChangeStatus.APPLIED: WriteStatus.APPLIED,
    ChangeStatus.PENDING: WriteStatus.PENDING_REVIEW,
    ChangeStatus.CONFLICT: WriteStatus.CONFLICT,
}


@strawberry.type
class Payload:
    """What every payload has (not in the schema itself: only the payloads are)."""

    status: WriteStatus | None = strawberry.field(
        default=None, description="APPLIED or PENDING_REVIEW; null when refused."
    )
    change_request: ChangeRequest | None = strawberry.field(
        default=None, description="The change request made, when the write awaits review."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list,
        description="Why the input was refused (then nothing was written); empty otherwise.",
    )
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)
    object_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Global ID of the object the write created or changed. While it awaits "
        "review: that of the object it changes, or of the authority it will create; null "
        "for a designation or rule still to be created (the change request's `objectIds` "
        "has it once approved).",
    )
    # the rows the answer is built from (set by ``filled``)
    authority_row: strawberry.Private[am.Authority | None] = None
    entity_row: strawberry.Private[Any] = None
    # when the write is pending: the row id of the existing object it changes
    entity_id: strawberry.Private[int | None] = None

    def filled(
        self, outcome: services.Outcome, *, existing: int | None = None
    ) -> Any:  # the payload itself, typed as its own class by each caller
        self.status = _STATUS[outcome.status]
        if outcome.objects:
            self.object_id = object_id(*outcome.objects[-1])
        if outcome.change_request is not None:
            self.change_request = ChangeRequest.from_row(outcome.change_request)
        self.authority_row = outcome.authority
        self.entity_row = outcome.entity
        self.entity_id = existing if outcome.status is ChangeStatus.PENDING else None
        return self

    async def _entity(self, info: Info, loader: Any) -> Any:
        if self.entity_row is not None:
            return self.entity_row
        if self.entity_id is not None:
            return await loader.load(self.entity_id)
        return None


@strawberry.type
class AuthorityPayload(Payload):
    @strawberry.field(
        description="The authority as the write left it; when it awaits review, as it is "
        "now (null for one not yet created)."
    )
    def authority(self) -> Authority | None:
        return Authority.from_row(self.authority_row) if self.authority_row is not None else None


@strawberry.type(description="The answer of `createAuthority`.")
class CreateAuthorityPayload(AuthorityPayload):
    pass


@strawberry.type(description="The answer of `updateAuthority`.")
class UpdateAuthorityPayload(AuthorityPayload):
    pass


@strawberry.type(description="The answer of `retireAuthority`.")
class RetireAuthorityPayload(AuthorityPayload):
    pass


@strawberry.type
class DesignationPayload(AuthorityPayload):
    @strawberry.field(
        description="The designation as the write left it; when it awaits review, as it is "
        "now; null once removed, or not yet created."
    )
    async def designation(self, info: Info) -> Designation | None:
        row = await self._entity(info, info.context.loaders.designation_by_id)
        return Designation.from_row(row) if row is not None else None


@strawberry.type(description="The answer of `createDesignation`.")
class CreateDesignationPayload(DesignationPayload):
    pass


@strawberry.type(description="The answer of `updateDesignation`.")
class UpdateDesignationPayload(DesignationPayload):
    pass


@strawberry.type(description="The answer of `removeDesignation`.")
class RemoveDesignationPayload(DesignationPayload):
    removed_designation_id: strawberry.ID | None = strawberry.field(
        default=None, description="The `id` of the designation removed, once applied."
    )


@strawberry.type
class ChannelRulePayload(AuthorityPayload):
    @strawberry.field(
        description="The rule as the write left it; when it awaits review, as it is now; "
        "null once removed, or not yet created."
    )
    async def channel_rule(self, info: Info) -> ChannelRule | None:
        row = await self._entity(info, info.context.loaders.channel_rule_by_id)
        return ChannelRule.from_row(row) if row is not None else None


@strawberry.type(description="The answer of `createChannelRule`.")
class CreateChannelRulePayload(ChannelRulePayload):
    pass


@strawberry.type(description="The answer of `updateChannelRule`.")
class UpdateChannelRulePayload(ChannelRulePayload):
    pass


@strawberry.type(description="The answer of `removeChannelRule`.")
class RemoveChannelRulePayload(ChannelRulePayload):
    removed_channel_rule_id: strawberry.ID | None = strawberry.field(
        default=None, description="The `id` of the rule removed, once applied."
    )


@strawberry.type
class LanguageRulePayload(AuthorityPayload):
    @strawberry.field(
        description="The rule as the write left it; when it awaits review, as it is now; "
        "null once removed, or not yet created."
    )
    async def language_rule(self, info: Info) -> LanguageRule | None:
        row = await self._entity(info, info.context.loaders.language_rule_by_id)
        return LanguageRule.from_row(row) if row is not None else None


@strawberry.type(description="The answer of `createLanguageRule`.")
class CreateLanguageRulePayload(LanguageRulePayload):
    pass


@strawberry.type(description="The answer of `updateLanguageRule`.")
class UpdateLanguageRulePayload(LanguageRulePayload):
    pass


@strawberry.type(description="The answer of `removeLanguageRule`.")
class RemoveLanguageRulePayload(LanguageRulePayload):
    removed_language_rule_id: strawberry.ID | None = strawberry.field(
        default=None, description="The `id` of the rule removed, once applied."
    )


# The GraphQL type of each row a change can leave, for ``approveChangeRequest``'s ``node``.
_NODE_OF: dict[type, Any] = {
    am.Authority: Authority,
    am.Designation: Designation,
    am.ChannelRule: ChannelRule,
    am.LanguageRule: LanguageRule,
}


@strawberry.type(description="The answer of `approveChangeRequest`.")
class ApproveChangeRequestPayload(AuthorityPayload):
    @strawberry.field(
        description="The object the approved change created or changed, as it left it; "
        "null for a removal."
    )
    def node(self) -> relay.Node | None:
        row = self.entity_row
        return _NODE_OF[type(row)].from_row(row) if row is not None else None


@strawberry.type(description="The answer of `rejectChangeRequest`.")
class RejectChangeRequestPayload(Payload):
    pass


@strawberry.type(description="The answer of `confirmEntries`.")
class ConfirmEntriesPayload:
    confirmed: int = strawberry.field(default=0, description="How many authorities.")
    authorities: list[Authority] = strawberry.field(
        default_factory=list, description="The authorities confirmed, as confirmed."
    )
    user_errors: list[UserError] = strawberry.field(
        default_factory=list, description="Why the input was refused; empty otherwise."
    )
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)
