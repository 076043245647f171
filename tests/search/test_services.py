"""Search over an invented corpus (codes XAA…; names unique to this file), so the answers do
not depend on whether the reference seed was loaded in the same run."""

from __future__ import annotations

import pytest

from directory.errors import InvalidInput
from directory.search.folding import fold
from directory.search.services import MatchKind, search
from tests.routing.factories import Factory, ensure_vocabularies


@pytest.fixture
async def corpus(session):
    await ensure_vocabularies(session)
    f = Factory(session)
    await f.jurisdiction(
        "XQC", "Côtesia d’Essai", alpha2="XQ", names={"fr": "Côtesie", "zh": "科泰西亚"}
    )
    xqm = await f.jurisdiction("XQM", "Mintestia", names={"ru": "Минтестия"})
    await f.jurisdiction("XQN", "Upper Mintestia")
    await f.authority(
        xqm,
        "srch-moj",
        "Ministry of Justice of Mintestia",
        original=("fr", "Ministère de la Justice de Mintestia"),
        city="Mintestville",
    )
    await f.authority(xqm, "srch-pros", "Mintestian Prosecution Office", city="Côtesburg")
    await f.authority(xqm, "srch-old", "Retired Mintestia Office", status="RETIRED")
    await session.flush()
    return session


def keys(page) -> list[str]:
    return [h.code for h in page.hits]


def test_fold_spells_out_accents_case_and_punctuation() -> None:
    assert fold("Côte d’Ivoire") == fold("COTE D'IVOIRE") == "cote d ivoire"
    assert fold("Straße") == "strasse"
    assert fold("Œuvre") == "oeuvre"


@pytest.mark.parametrize("text", ["côtesia", "cotesia", "COTESIA", "Côtesia d'essai"])
async def test_accent_and_case_insensitive(corpus, text: str) -> None:
    page = await search(corpus, text)
    assert keys(page)[0] == "XQC"


async def test_accent_free_query_finds_the_french_name(corpus) -> None:
    page = await search(corpus, "ministere de la justice de mintestia")
    assert keys(page) == ["srch-moj"]
    assert page.hits[0].match == MatchKind.EXACT_NAME
    assert page.hits[0].language == "fr"
    assert page.hits[0].name == "Ministry of Justice of Mintestia"


async def test_names_in_other_scripts_and_alpha2(corpus) -> None:
    assert keys(await search(corpus, "минтест")) == ["XQM"]
    assert keys(await search(corpus, "科泰")) == ["XQC"]
    hit = (await search(corpus, "xq")).hits[0]
    assert (hit.code, hit.match) == ("XQC", MatchKind.EXACT_CODE)


async def test_ranking_code_name_prefix_word_substring(corpus) -> None:
    page = await search(corpus, "mintestia")
    ranked = [(h.code, h.match) for h in page.hits]
    assert ranked == [
        ("XQM", MatchKind.EXACT_NAME),
        ("srch-pros", MatchKind.PREFIX),
        ("XQN", MatchKind.WORD_PREFIX),
        ("srch-moj", MatchKind.WORD_PREFIX),
    ]
    # equal matches: jurisdictions first, then by folded name (the city Mintestville is a
    # prefix match for the ministry); the retired office never appears
    assert keys(await search(corpus, "mintest")) == ["XQM", "srch-moj", "srch-pros", "XQN"]
    assert "srch-old" not in keys(await search(corpus, "office"))
    assert keys(await search(corpus, "XQM"))[0] == "XQM"
    assert (await search(corpus, "XQM")).hits[0].match == MatchKind.EXACT_CODE


async def test_city_is_searched(corpus) -> None:
    page = await search(corpus, "cotesburg")
    assert [(h.code, h.matched, h.language) for h in page.hits] == [
        ("srch-pros", "Côtesburg", None)
    ]


async def test_pages_follow_each_other(corpus) -> None:
    whole = await search(corpus, "mintest", first=100)
    assert whole.total_count >= 4
    first = await search(corpus, "mintest", first=2)
    second = await search(corpus, "mintest", first=2, after=first.end_cursor)
    assert first.has_next_page and not first.has_previous_page
    assert second.has_previous_page
    assert keys(first) + keys(second) == keys(whole)[:4]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": "  ’ "}, ["text"]),
        ({"text": "x", "first": 0}, ["first"]),
        ({"text": "x", "first": 101}, ["first"]),
        ({"text": "x", "after": "not-a-cursor"}, ["after"]),
    ],
    ids=["no-letters", "first-zero", "first-too-big", "bad-cursor"],
)
async def test_bad_arguments_name_the_field(corpus, kwargs, field) -> None:
    with pytest.raises(InvalidInput) as raised:
        await search(corpus, **kwargs)
    assert raised.value.field == field
