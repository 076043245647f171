"""No restricted contact value reaches the public, or another State's editor, on ANY
query path: node, authority, authorities, jurisdiction(s).authorities, search, route,
history (root and field), the change feed, ``nodes(ids:)``, revisions and change requests
by their global IDs, and change requests (refused to the public).

The raw response text is searched for every restricted string, so a value that slipped
into any field (a label, a JSON before/after, a payload) is caught. The same query by the
State's own editor shows every one of them: the query does reach the values when allowed.
"""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import AuthorityContact
from tests.accounts.factories import tokens_for
from tests.editing.changes import designation_of
from tests.editing.factories import SECRET_EMAIL, World
from tests.helpers import gid, gql, snapshot_selection

NEW_EMAIL = "new.restricted.desk@justice.example"
PHONE = "+33144776060"  # restricted: given as "+33 1 44 77 60 60"
PERSON = "Head of the restricted MLA unit"
PENDING_EMAIL = "pending.restricted@justice.example"  # only in a change request
PUBLIC_PHONE = "+33153590000"  # not restricted: the public sees it
RESTRICTED = (SECRET_EMAIL, NEW_EMAIL, PHONE, PERSON, PENDING_EMAIL)

# An authority's snapshot with its contacts and every text field (the typed feed shows only
# what is selected); its names and office hours hold no contact and would only add cost.
SNAPSHOT = snapshot_selection("AuthoritySnapshot", without=("names", "officeHours"))
CONTACTS = "emails { value label } phones { value label } faxes { value } contactPersons { value }"
# The typed snapshots' lists count in the cost budget: the pages are kept just above what
# the test world holds (two revisions of France's entry, one or two authorities a list).
AUTHORITY = f"{CONTACTS} history(first: 3) {{ actor before {SNAPSHOT} after {SNAPSHOT} }}"
EVERY_PATH = f"""
query ($id: ID!, $designation: ID!) {{
  authority(id: $id) {{ {AUTHORITY} }}
  node(id: $id) {{ ... on Authority {{ {AUTHORITY} }} }}
  many: nodes(ids: [$id, $designation]) {{
    ... on Authority {{ {AUTHORITY} }}
    ... on Designation {{ authority {{ {CONTACTS} }} }}
  }}
  designation: node(id: $designation) {{ ... on Designation {{ authority {{ {CONTACTS} }} }} }}
  authorities(first: 3, filter: {{jurisdiction: "FRA"}}) {{ nodes {{ {AUTHORITY} }} }}
  jurisdiction(code: "FRA") {{ authorities(first: 3) {{ {AUTHORITY} }} }}
  jurisdictions(first: 3, filter: {{parent: "CHN"}}) {{
    nodes {{ authorities(first: 5) {{ {CONTACTS} }} }}
  }}
  search(text: "Ministry of Justice", first: 3) {{
    nodes {{ kind node {{ ... on Authority {{ {AUTHORITY} }} }} }}
  }}
  route(input: {{requesting: "DEU", requested: "FRA", subject: "MLA"}}) {{
    destinations {{ authority {{ {AUTHORITY} }} }}
  }}
  history(authority: $id, first: 5) {{ actor before {SNAPSHOT} after {SNAPSHOT} }}
  changes(first: 10) {{ id actor before {SNAPSHOT} after {SNAPSHOT} changeRequest {{ payload }} }}
}}
"""
CHANGE_REQUESTS = (
    "{ changeRequests(pendingOnly: false) { id jurisdiction { code } payload } "
    "changes(first: 500) { id } }"
)
# Revisions and change requests by their global IDs: the same gates as the lists.
BY_ID = f"""
query ($ids: [ID!]!) {{
  nodes(ids: $ids) {{
    __typename
    ... on Revision {{
      before {SNAPSHOT} after {SNAPSHOT} entity {{ ... on Authority {{ emails {{ value }} }} }}
    }}
    ... on ChangeRequest {{ payload }}
  }}
}}
"""
UPDATE = """
mutation ($input: UpdateAuthorityInput!) {
  updateAuthority(input: $input) { status userErrors { message } }
}
"""


def _contact(kind: str, value: str, restricted: bool = True) -> dict[str, object]:
    return {"kind": kind, "value": value, "restricted": restricted}


async def _history_with_every_kind_of_contact(
    client: httpx.AsyncClient, tokens: dict[str, str | None], authority: str
) -> None:
    contacts = [
        _contact("EMAIL", NEW_EMAIL),
        _contact("PHONE", "+33 1 44 77 60 60"),
        _contact("CONTACT_PERSON", PERSON),
        _contact("PHONE", PUBLIC_PHONE, restricted=False),
    ]
    applied = await gql(
        client,
        UPDATE,
        {"input": {"authority": authority, "expectedVersion": 1, "contacts": contacts}},
        token=tokens["secretariat"],
    )
    assert applied["data"]["updateAuthority"]["status"] == "APPLIED", applied
    pending = await gql(
        client,
        UPDATE,
        {
            "input": {
                "authority": authority,
                "expectedVersion": 2,
                "contacts": [*contacts, _contact("EMAIL", PENDING_EMAIL)],
            }
        },
        token=tokens["editor_fra"],
    )
    assert pending["data"]["updateAuthority"]["status"] == "PENDING_REVIEW", pending


@pytest.mark.parametrize("who", ["public", "editor_deu"])
async def test_no_query_path_leaks_a_restricted_value(
    client: httpx.AsyncClient, session: AsyncSession, world: World, who: str
) -> None:
    # given France's entry, with restricted contacts now, before (history) and pending
    tokens = await tokens_for(session, world)
    authority = gid("Authority", "test-fra-moj")
    designation = await designation_of(session, world.fra_authority)
    await _history_with_every_kind_of_contact(client, tokens, authority)
    variables = {"id": authority, "designation": gid("Designation", designation.id)}
    # Germany's own entry shares the factory's e-mail; Germany's editor may read its own
    await session.execute(
        update(AuthorityContact)
        .where(AuthorityContact.authority_id == world.deu_authority.id)
        .values(value="germany.own.desk@justice.example")
    )

    # when the caller reads every path
    response = await client.post(
        "/graphql",
        json={"query": EVERY_PATH, "variables": variables},
        headers={"Authorization": f"Bearer {tokens[who]}"} if tokens[who] else {},
    )
    body = response.json()

    # then every path answered, and no restricted string is anywhere in the raw text
    assert "errors" not in body, body
    data = body["data"]
    assert len(data["many"]) == 2 and all(data["many"]), data["many"]
    assert data["route"]["destinations"], "route found no destination: the path was not read"
    assert any(h["kind"] == "AUTHORITY" and h["node"] for h in data["search"]["nodes"])
    assert data["history"] and data["authority"]["history"] and data["changes"]
    leaked = [value for value in RESTRICTED if value in response.text]
    assert leaked == [], f"{who} saw restricted values {leaked}"
    assert PUBLIC_PHONE in response.text  # what is not restricted is shown

    # and change requests (which carry submitted values) are refused or scoped
    requests = await gql(client, CHANGE_REQUESTS, token=tokens[who])
    if who == "public":
        assert [e["extensions"]["code"] for e in requests["errors"]] == ["UNAUTHENTICATED"]
    else:
        codes = {r["jurisdiction"]["code"] for r in requests["data"]["changeRequests"]}
        assert codes <= {"DEU"}
    assert PENDING_EMAIL not in str(requests)

    # and by their global IDs: every revision (redacted), no change request of France
    own = await gql(client, CHANGE_REQUESTS, token=tokens["editor_fra"])
    ids = [r["id"] for r in own["data"]["changeRequests"]]
    ids += [r["id"] for r in own["data"]["changes"]]
    by_id = await gql(client, BY_ID, {"ids": ids}, token=tokens[who])
    assert "errors" not in by_id, by_id
    found = by_id["data"]["nodes"]
    assert [n for n in found if n and n["__typename"] == "ChangeRequest"] == []
    assert len([n for n in found if n and n["__typename"] == "Revision"]) == len(ids) - 1
    leaked = [value for value in RESTRICTED if value in str(by_id)]
    assert leaked == [], f"{who} saw restricted values {leaked} by ID"


async def test_the_states_own_editor_sees_every_value_on_the_same_paths(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    authority = gid("Authority", "test-fra-moj")
    designation = await designation_of(session, world.fra_authority)
    await _history_with_every_kind_of_contact(client, tokens, authority)
    variables = {"id": authority, "designation": gid("Designation", designation.id)}
    response = await client.post(
        "/graphql",
        json={"query": EVERY_PATH, "variables": variables},
        headers={"Authorization": f"Bearer {tokens['editor_fra']}"},
    )
    assert "errors" not in response.json()
    assert [v for v in RESTRICTED[:4] if v not in response.text] == []
    requests = await gql(client, CHANGE_REQUESTS, token=tokens["editor_fra"])
    assert PENDING_EMAIL in str(requests)
    ids = [r["id"] for r in requests["data"]["changeRequests"]]
    by_id = await gql(client, BY_ID, {"ids": ids}, token=tokens["editor_fra"])
    assert PENDING_EMAIL in str(by_id)
    assert [n["__typename"] for n in by_id["data"]["nodes"]] == ["ChangeRequest"]
