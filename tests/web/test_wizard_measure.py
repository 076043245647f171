"""The wizard asks the measure only where the requested State's data distinguishes
measures, and the answer is routed for the measure chosen (through HTTP)."""

from __future__ import annotations

import re

import httpx

from directory.authorities import models as am
from directory.db import SerialSession
from directory.enums import ChannelPermission
from tests.authorities.factories import Factory


async def test_the_measure_is_asked_only_where_a_rule_depends_on_it(
    client: httpx.AsyncClient, make: Factory, session: SerialSession
) -> None:
    xaa = await make.jurisdiction("XAA", "Atlantis")
    xbb = await make.jurisdiction("XBB", "Borduria")
    await make.jurisdiction("XRQ", "Requestland")
    for j in (xaa, xbb):
        await make.designation(await make.authority(j, f"{j.code} Ministry of Justice"), "MLA")
        await make.channel_rule(j, "ELECTRONIC")
    # Atlantis: service of documents is not accepted by electronic means
    await make.vocabulary(am.Measure, "SERVICE_OF_DOCUMENTS")
    await make.channel_rule(
        xaa,
        "ELECTRONIC",
        permission=ChannelPermission.NOT_ACCEPTED,
        measure_code="SERVICE_OF_DOCUMENTS",
    )
    await session.flush()

    r = await client.get(
        "/en/wizard", params={"requesting": "XRQ", "requested": "XAA", "subject": "MLA"}
    )
    assert r.status_code == 200
    assert 'name="measure" value="SERVICE_OF_DOCUMENTS"' in r.text
    # Borduria's rules do not depend on the measure: no question, straight to the answer
    r = await client.get(
        "/en/wizard", params={"requesting": "XRQ", "requested": "XBB", "subject": "MLA"}
    )
    assert r.status_code == 303
    assert "measure" not in r.headers["location"]

    base = "/en/answer?requesting=XRQ&requested=XAA&subject=MLA"
    served = await client.get(base + "&measure=SERVICE_OF_DOCUMENTS")
    assert served.status_code == 200
    channels = served.text.split('id="channels"', 1)[1].split("</section>", 1)[0]
    # the measure is named in the answer, and the electronic channel is not allowed for it
    asked = served.text.split('class="request"', 1)[1].split("</p>")[0]
    assert re.search(r"service.of.documents", asked, re.IGNORECASE) and "fallback" in asked
    assert "Electronic transmission" not in channels
    other = await client.get(base)
    channels = other.text.split('id="channels"', 1)[1].split("</section>", 1)[0]
    assert "Electronic transmission" in channels


async def test_a_malformed_measure_is_a_400_naming_it(client: httpx.AsyncClient) -> None:
    r = await client.get(
        "/en/answer",
        params={"requesting": "XRQ", "requested": "XAA", "subject": "MLA", "measure": "<x>"},
    )
    assert r.status_code == 400
    assert "measure" in r.text


async def test_an_unknown_measure_is_refused_naming_it(
    seeded_client: httpx.AsyncClient,
) -> None:
    r = await seeded_client.get(
        "/en/answer",
        params={"requesting": "FRA", "requested": "ROU", "subject": "MLA", "measure": "NO_SUCH"},
    )
    assert r.status_code == 400
    assert "NO_SUCH" in r.text
