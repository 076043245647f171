"""The authorities' enums of the schema, each value described (``directory.graphql.enums``)."""

from __future__ import annotations

from directory.enums import (
    AuthorityStatus,
    BasisCondition,
    ChannelPermission,
    ContactKind,
    Direction,
    RequirementStatus,
)
from directory.graphql.enums import describe

describe(
    AuthorityStatus,
    "An authority's life cycle; an authority is never deleted.",
    {
        AuthorityStatus.ACTIVE: "It receives (or sends) requests today.",
        AuthorityStatus.RETIRED: "It no longer does: kept for the record, never routed to.",
    },
)
describe(
    ContactKind,
    "A way of reaching an authority.",
    {
        ContactKind.PHONE: "A telephone number (E.164).",
        ContactKind.FAX: "A fax number (E.164).",
        ContactKind.EMAIL: "An e-mail address.",
        ContactKind.CONTACT_PERSON: "A function or office to address (never a private person).",
    },
)
describe(
    Direction,
    "Which requests a designation concerns, seen from its State.",
    {
        Direction.INCOMING: "Requests from abroad: it receives them.",
        Direction.OUTGOING: "Its State's own requests: it sends them abroad.",
        Direction.BOTH: "Both.",
    },
)
describe(
    ChannelPermission,
    "What a channel rule says of a channel.",
    {
        ChannelPermission.ACCEPTED: "Requests may be sent this way.",
        ChannelPermission.REQUIRED: "The only acceptable way (e.g. the diplomatic channel "
        "required).",
        ChannelPermission.NOT_ACCEPTED: "Requests sent this way are refused.",
    },
)
describe(
    BasisCondition,
    "When a designation or a rule applies, by the legal bases between the two States; "
    "`instrument` names the instrument it is about.",
    {
        BasisCondition.WHEN_IN_FORCE: "When the instrument binds both States.",
        BasisCondition.UNLESS_IN_FORCE: "Unless the instrument binds both States.",
        BasisCondition.NO_TREATY: "When no treaty the directory holds binds both States.",
    },
)
# (registered here, before the editing inputs and the route answer both use it)
describe(
    RequirementStatus,
    "What a requested State says about one legal requirement.",
    {
        RequirementStatus.REQUIRED: "Required.",
        RequirementStatus.NOT_REQUIRED: "Not required.",
        RequirementStatus.CONDITIONAL: "Required in some cases, which `text` gives.",
        RequirementStatus.ACCEPTED: "A form or means the State accepts.",
        RequirementStatus.NOT_ACCEPTED: "A form or means the State does not accept.",
        RequirementStatus.INFORMATION: "A link or a note (legislation, a guide).",
    },
)
