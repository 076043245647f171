"""The role matrix over HTTP: EVERY mutation of the schema × every kind of caller.

Each cell is the outcome a caller gets: ``APPLIED``, ``PENDING`` (a change request waits for
review), or the exact error code (``UNAUTHENTICATED``; ``FORBIDDEN`` with the permission
named in ``extensions.permission``). A mutation added to the schema without a row here
fails ``test_every_mutation_has_a_row``.

Columns (who calls, and on which jurisdiction's entry):

    public       no token                                   France
    bad          a well-formed token never issued           France
    practitioner PRACTITIONER token                         France
    other        STATE_EDITOR of Germany                    France
    territory    STATE_EDITOR of China                      Hong Kong SAR (China's territory)
    own          STATE_EDITOR of France                     France
    secretariat  SECRETARIAT token                          France

A row keyed ``mutation/variant`` is the same mutation on another kind of target (a language
rule of an art. 18(14) notification is a treaty fact, not an entry).

One world per row; the columns run in this order, so that no refusal or pending request
changes what the next caller sees, and the secretariat (who applies) comes last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.models import Revision
from directory.authorities.models import Authority
from directory.editing.models import ChangeRequest
from directory.graphql.schema import schema
from tests.accounts.factories import tokens_for
from tests.editing.matrix_setup import Fixture, prepare
from tests.helpers import gid, gql

COLUMNS = ("public", "bad", "practitioner", "other", "territory", "own", "secretariat")
TOKEN_OF = {"other": "editor_deu", "territory": "editor_chn", "own": "editor_fra"}

F, U = "FORBIDDEN", "UNAUTHENTICATED"
AUTHORITY_WRITE = "directory:authority:write"
REVIEW = "directory:change:review"
CONFIRM = "directory:entries:confirm"
NOTIFICATION_WRITE = "directory:notification:write"
INSTRUMENT_WRITE = "directory:instrument:write"


def _cells(public: str, practitioner: str, other: str, own: str, secretariat: str) -> dict:
    """A row: a bad token is always UNAUTHENTICATED; an editor of the State acts on its
    territories as on itself."""
    return {
        "public": public,
        "bad": U,
        "practitioner": practitioner,
        "other": other,
        "territory": own,
        "own": own,
        "secretariat": secretariat,
    }


# The public sends no token: it is asked to authenticate (U), never told it may not (F)
ENTRY_WRITE = _cells(U, F, F, "PENDING_REVIEW", "APPLIED")  # reviewed for editors
REVIEW_ONLY = _cells(U, F, F, F, "APPLIED")
FOCAL_POINT = _cells(U, F, F, "APPLIED", "APPLIED")  # confirming is not reviewed


@dataclass(frozen=True)
class Row:
    """A mutation, the permission named when it is refused, and what each column gets."""

    document: str
    variables: Callable[[Fixture, str], dict[str, Any]]  # (fixture, jurisdiction code)
    permission: str
    cells: dict[str, str]
    # the permission named to callers who hold no write permission at all, when it differs
    # (they are refused before anything is looked up)
    permission_without_any: str | None = None


def mutation_of(key: str) -> str:
    return key.split("/")[0]


def _write(name: str, input_type: str) -> str:
    return f"""
    mutation ($input: {input_type}!) {{
      {name}(input: $input) {{ status changeRequest {{ status }} userErrors {{ field message }} }}
    }}"""


def _fact(name: str, input_type: str) -> str:
    return f"""
    mutation ($input: {input_type}!) {{
      {name}(input: $input) {{ status userErrors {{ field message }} }}
    }}"""


CONFIRM_DOC = """
mutation ($input: ConfirmEntriesInput!) { confirmEntries(input: $input) { confirmed } }
"""

MATRIX: dict[str, Row] = {
    "createAuthority": Row(
        _write("createAuthority", "CreateAuthorityInput"),
        lambda f, j: {"jurisdiction": j, "names": [{"language": "en", "name": "New Office"}]},
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "updateAuthority": Row(
        _write("updateAuthority", "UpdateAuthorityInput"),
        lambda f, j: {**f.authority(j), "city": "Elsewhere"},
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "retireAuthority": Row(
        _write("retireAuthority", "RetireAuthorityInput"),
        lambda f, j: f.authority(j),
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "createDesignation": Row(
        _write("createDesignation", "CreateDesignationInput"),
        lambda f, j: {**f.authority(j), "fields": {"subject": "EXTRADITION"}},
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "updateDesignation": Row(
        _write("updateDesignation", "UpdateDesignationInput"),
        lambda f, j: {**f.designation(j), "fields": {"subject": "MLA", "priority": 2}},
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "removeDesignation": Row(
        _write("removeDesignation", "RemoveDesignationInput"),
        lambda f, j: f.designation(j),
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "createChannelRule": Row(
        _write("createChannelRule", "CreateChannelRuleInput"),
        lambda f, j: {
            "jurisdiction": j,
            "expectedVersion": f.version(j),
            "fields": {
                "channel": "INTERPOL",
                "designation": gid("Designation", f.ids[j].designation),
            },
        },
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "updateChannelRule": Row(
        _write("updateChannelRule", "UpdateChannelRuleInput"),
        lambda f, j: {
            **f.rule(j, "channel"),
            "fields": {"channel": "DIPLOMATIC", "permission": "REQUIRED"},
        },
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "removeChannelRule": Row(
        _write("removeChannelRule", "RemoveChannelRuleInput"),
        lambda f, j: f.rule(j, "channel"),
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "createLanguageRule": Row(
        _write("createLanguageRule", "CreateLanguageRuleInput"),
        lambda f, j: {
            "jurisdiction": j,
            "expectedVersion": f.version(j),
            "fields": {"language": "fr", "designation": gid("Designation", f.ids[j].designation)},
        },
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "updateLanguageRule": Row(
        _write("updateLanguageRule", "UpdateLanguageRuleInput"),
        lambda f, j: {**f.rule(j, "language"), "fields": {"language": "es", "preference": 1}},
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "removeLanguageRule": Row(
        _write("removeLanguageRule", "RemoveLanguageRuleInput"),
        lambda f, j: f.rule(j, "language"),
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "updateLanguageRule/notification": Row(
        _write("updateLanguageRule", "UpdateLanguageRuleInput"),
        lambda f, j: {
            "rule": gid("LanguageRule", f.ids[j].notification_rule),
            "fields": {"language": "es"},
        },
        NOTIFICATION_WRITE,
        REVIEW_ONLY,
        AUTHORITY_WRITE,
    ),
    "removeLanguageRule/notification": Row(
        _write("removeLanguageRule", "RemoveLanguageRuleInput"),
        lambda f, j: {"rule": gid("LanguageRule", f.ids[j].notification_rule)},
        NOTIFICATION_WRITE,
        REVIEW_ONLY,
        AUTHORITY_WRITE,
    ),
    "approveChangeRequest": Row(
        _write("approveChangeRequest", "ReviewInput"),
        lambda f, j: {"changeRequest": gid("ChangeRequest", f.ids[j].pending)},
        REVIEW,
        REVIEW_ONLY,
    ),
    "rejectChangeRequest": Row(
        _write("rejectChangeRequest", "ReviewInput"),
        lambda f, j: {
            "changeRequest": gid("ChangeRequest", f.ids[j].pending),
            "reason": "wrong city",
        },
        REVIEW,
        {**REVIEW_ONLY, "secretariat": "REJECTED"},
    ),
    "proposeChanges": Row(
        _write("proposeChanges", "ProposeChangesInput"),
        lambda f, j: {
            "changes": [
                {"updateAuthority": {**f.authority(j), "city": "Elsewhere"}},
                {"createDesignation": {**f.authority(j), "fields": {"subject": "EXTRADITION"}}},
            ]
        },
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "confirmEntries": Row(CONFIRM_DOC, lambda f, j: {"jurisdiction": j}, CONFIRM, FOCAL_POINT),
    "setNotification": Row(
        _fact("setNotification", "SetNotificationInput"),
        lambda f, j: {
            "jurisdiction": j,
            "instrument": "UNTOC",
            "article": "16(5)",
            "status": "NOTIFIED",
            "extraditionBasis": "NO",
            "sources": [{"document": "C.N.9.2004.TREATIES-9", "seenOn": "2024-01-02"}],
        },
        "directory:notification:write",
        REVIEW_ONLY,
    ),
    "setParticipation": Row(
        _fact("setParticipation", "SetParticipationInput"),
        lambda f, j: {
            "jurisdiction": j,
            "instrument": "UNTOC",
            "consentOn": "2003-01-01",
            "consentType": "RATIFICATION",
            "sources": [{"document": "C.N.8.2003.TREATIES-8", "seenOn": "2024-01-02"}],
        },
        "directory:participation:write",
        REVIEW_ONLY,
    ),
    "createRequirement": Row(
        _write("createRequirement", "CreateRequirementInput"),
        lambda f, j: {
            "jurisdiction": j,
            "fields": {"kind": "RECIPROCITY", "status": "REQUIRED"},
        },
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "updateRequirement": Row(
        _write("updateRequirement", "UpdateRequirementInput"),
        lambda f, j: {
            "requirement": gid("Requirement", f.ids[j].requirement),
            "fields": {"kind": "DUAL_CRIMINALITY", "status": "REQUIRED"},
        },
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "removeRequirement": Row(
        _write("removeRequirement", "RemoveRequirementInput"),
        lambda f, j: {"requirement": gid("Requirement", f.ids[j].requirement)},
        AUTHORITY_WRITE,
        ENTRY_WRITE,
    ),
    "createInstrument": Row(
        _fact("createInstrument", "CreateInstrumentInput"),
        lambda f, j: {
            "code": f"ETS{j}",
            "shortTitle": "A convention",
            "title": "A convention of the Council of Europe",
            "sources": [{"document": "ETS No. 030", "seenOn": "2024-01-02"}],
        },
        INSTRUMENT_WRITE,
        REVIEW_ONLY,
    ),
    "updateInstrument": Row(
        _fact("updateInstrument", "UpdateInstrumentInput"),
        lambda f, j: {"instrument": gid("Instrument", "UNTOC"), "daysToEntryIntoForce": 30},
        INSTRUMENT_WRITE,
        REVIEW_ONLY,
    ),
    "createProvision": Row(
        _fact("createProvision", "CreateProvisionInput"),
        lambda f, j: {
            "instrument": gid("Instrument", "UNTOC"),
            "article": f"9{len(j)}(1)",
            "kind": "OTHER",
            "summary": "An article",
            "sources": [{"document": "A/RES/55/25", "seenOn": "2024-01-02"}],
        },
        INSTRUMENT_WRITE,
        REVIEW_ONLY,
    ),
    "updateProvision": Row(
        _fact("updateProvision", "UpdateProvisionInput"),
        lambda f, j: {"provision": gid("Provision", f.provision), "summary": "Reworded"},
        INSTRUMENT_WRITE,
        REVIEW_ONLY,
    ),
}


def test_every_mutation_has_a_row() -> None:
    # Introspect the schema actually served: a new mutation without a row fails here.
    result = schema.execute_sync('{ __type(name: "Mutation") { fields { name } } }')
    served = {f["name"] for f in result.data["__type"]["fields"]}
    rows = {mutation_of(key) for key in MATRIX}
    assert served - rows == set(), "mutations with no row in MATRIX"
    assert rows - served == set(), "rows for mutations the schema no longer has"
    assert all(row.cells.keys() == set(COLUMNS) for row in MATRIX.values())


async def _counts(session: AsyncSession) -> tuple[int, int]:
    revisions = await session.scalar(select(func.count()).select_from(Revision))
    requests = await session.scalar(select(func.count()).select_from(ChangeRequest))
    return revisions, requests


def _outcome(body: dict[str, Any], name: str, column: str) -> str:
    if body.get("errors"):
        (error,) = body["errors"]
        return error["extensions"]["code"]
    payload = body["data"][name]
    assert not payload.get("userErrors"), (column, payload)
    if "confirmed" in payload:
        assert payload["confirmed"] >= 1, (column, payload)
        return "APPLIED"
    return payload["status"]


@pytest.mark.parametrize("key", sorted(MATRIX))
async def test_role_matrix(
    client: httpx.AsyncClient, session: AsyncSession, world, key: str
) -> None:
    row, name = MATRIX[key], mutation_of(key)
    fixture = await prepare(session, world)
    tokens = await tokens_for(session, world)
    got: dict[str, str] = {}
    for column in COLUMNS:
        code = "HKG" if column == "territory" else "FRA"
        fixture.versions = {
            c: await session.scalar(
                select(Authority.version)
                .where(Authority.id == fixture.ids[c].authority)
                .execution_options(populate_existing=True)
            )
            for c in fixture.ids
        }
        before = await _counts(session)
        token = tokens[TOKEN_OF.get(column, column)]
        body = await gql(client, row.document, {"input": row.variables(fixture, code)}, token=token)
        got[column] = outcome = _outcome(body, name, column)
        revisions, requests = await _counts(session)
        if outcome == "FORBIDDEN":
            named = row.permission
            if column == "practitioner" and row.permission_without_any:
                named = row.permission_without_any
            assert body["errors"][0]["extensions"]["permission"] == named, column
        if outcome in ("FORBIDDEN", "UNAUTHENTICATED"):
            assert (revisions, requests) == before, f"{column}: a refused write left rows"
        elif outcome == "PENDING_REVIEW":
            assert (revisions, requests) == (before[0], before[1] + 1), column
            assert body["data"][name]["changeRequest"] == {"status": "PENDING"}
        elif outcome == "APPLIED":
            assert revisions > before[0], f"{column}: applied without a revision"
    assert got == row.cells
