"""The pages through HTTP on the seeded directory: each page type answers, in each language,
with what the State, the authority and the wizard must show; caching and errors as HTML."""

from __future__ import annotations

import re

import httpx
import pytest

from directory.web.i18n import LANGUAGES

HTML = {"accept": "text/html"}
LANGS = list(LANGUAGES)


@pytest.mark.parametrize("lang", LANGS)
async def test_home_in_each_language_with_direction(
    seeded_client: httpx.AsyncClient, lang: str
) -> None:
    # when the home page is asked in a language
    r = await seeded_client.get(f"/{lang}/")
    # then it is that language's page, right to left for Arabic only, with the coverage
    assert r.status_code == 200
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in r.text
    assert 'action="/' + lang + '/search"' in r.text
    assert 'action="/' + lang + '/wizard"' in r.text
    assert re.search(r"\b2\d\d\b", r.text), "the number of States is shown"


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("fr-CH, fr;q=0.9, en;q=0.8", "fr"),
        ("de-DE, ru;q=0.5, ar;q=0.7", "ar"),
        ("zh-Hant-TW", "zh"),
        ("de, it", "en"),
        ("", "en"),
        ("es;q=abc, ru;q=0.1", "ru"),
        ("x" * 5000, "en"),
    ],
)
async def test_root_chooses_the_language_from_accept_language(
    client: httpx.AsyncClient, header: str, lang: str
) -> None:
    r = await client.get("/", headers={"accept-language": header})
    assert r.status_code == 303
    assert r.headers["location"] == f"/{lang}/"
    assert r.headers["vary"] == "Accept-Language"


async def test_the_url_language_wins_over_accept_language(
    seeded_client: httpx.AsyncClient,
) -> None:
    r = await seeded_client.get("/es/", headers={"accept-language": "ru"})
    assert '<html lang="es"' in r.text


async def test_search_ignores_accents_and_case(seeded_client: httpx.AsyncClient) -> None:
    r = await seeded_client.get("/fr/search", params={"q": "COTE D IVOIRE"})
    assert r.status_code == 200
    assert 'href="/fr/states/CIV"' in r.text
    # the State's name is shown in the page's language
    assert "Côte d’Ivoire" in r.text or "Côte d'Ivoire" in r.text


async def test_search_finds_authorities(seeded_client: httpx.AsyncClient) -> None:
    r = await seeded_client.get("/en/search", params={"q": "diicot"})
    assert 'href="/en/authorities/' in r.text


async def test_state_page_shows_treaties_notifications_and_authorities(
    seeded_client: httpx.AsyncClient,
) -> None:
    r = await seeded_client.get("/en/states/KIR")
    assert r.status_code == 200
    text = r.text
    assert "Kiribati" in text
    assert "Treaty participation" in text and "September 15, 2005" in text
    assert "art. 18(13)" in text and "art. 16(5)" in text and "Not known" in text
    assert "Attorney General of the Republic of Kiribati" in text
    assert "Last confirmed" in text and "Sources" in text


async def test_state_page_in_chinese_names_the_state_in_chinese(
    seeded_client: httpx.AsyncClient,
) -> None:
    r = await seeded_client.get("/zh/states/KIR")
    assert "<h1>基里巴斯" in r.text
    assert "条约参加情况" in r.text


async def test_a_name_missing_in_the_language_is_marked_as_fallback(
    seeded_client: httpx.AsyncClient,
) -> None:
    # Kiribati's authority has only an English name
    r = await seeded_client.get("/ru/states/KIR")
    assert '<span lang="en">Attorney General of the Republic of Kiribati</span>' in r.text
    assert "нет на этом языке" in r.text


async def test_territory_page_links_its_state(seeded_client: httpx.AsyncClient) -> None:
    r = await seeded_client.get("/en/states/HKG")
    assert r.status_code == 200
    assert 'href="/en/states/CHN"' in r.text


async def test_authority_page(seeded_client: httpx.AsyncClient) -> None:
    search = await seeded_client.get(
        "/en/search", params={"q": "Attorney General of the Republic of Kiribati"}
    )
    key = re.search(r'href="/en/authorities/([^"]+)"', search.text)
    assert key
    r = await seeded_client.get(f"/en/authorities/{key.group(1)}")
    assert r.status_code == 200
    assert "Attorney General of the Republic of Kiribati" in r.text
    assert "Mutual legal assistance" in r.text
    assert 'href="/en/states/KIR"' in r.text


async def test_wizard_asks_the_stage_only_where_the_data_splits_by_stage(
    seeded_client: httpx.AsyncClient,
) -> None:
    # Romania's MLA authorities differ by stage and matter: step 2 asks both
    r = await seeded_client.get(
        "/en/wizard", params={"requesting": "FRA", "requested": "ROU", "subject": "MLA"}
    )
    assert r.status_code == 200
    assert 'name="stage" value="INVESTIGATION"' in r.text
    assert 'name="matter" value="CORRUPTION"' in r.text
    # Kiribati has one authority: no question, straight to the answer
    r = await seeded_client.get(
        "/en/wizard", params={"requesting": "FRA", "requested": "KIR", "subject": "MLA"}
    )
    assert r.status_code == 303
    assert r.headers["location"] == "/en/answer?requesting=FRA&requested=KIR&subject=MLA"


async def test_answer_is_a_permalink_with_authority_channels_languages_and_sources(
    seeded_client: httpx.AsyncClient,
) -> None:
    url = "/en/answer?requesting=FRA&requested=ROU&subject=MLA&stage=INVESTIGATION"
    r = await seeded_client.get(url)
    assert r.status_code == 200
    assert "Prosecutor" in r.text and "Cassation" in r.text
    assert "Channels allowed for this request" in r.text
    assert "Legal bases in force for both States" in r.text
    assert 'href="' + url.replace("&", "&amp;") + '" rel="bookmark"' in r.text
    assert "Oldest confirmation in this answer" in r.text


async def test_answer_warnings_are_rendered_from_their_codes_in_the_language(
    seeded_client: httpx.AsyncClient,
) -> None:
    url = "/fr/answer?requesting=FRA&requested=ROU&subject=MLA"
    r = await seeded_client.get(url)
    codes = re.findall(r'data-code="([A-Z_]+)"', r.text)
    assert "SEVERAL_AUTHORITIES" in codes
    assert "Plusieurs autorités correspondent" in r.text
    # the English message of the service is not shown
    assert "authorities match:" not in r.text


async def test_print_view_uses_the_print_sheet_on_screen(seeded_client: httpx.AsyncClient) -> None:
    normal = await seeded_client.get("/en/states/KIR")
    printed = await seeded_client.get("/en/states/KIR?view=print")
    assert 'href="/static/print.css" media="print"' in normal.text
    assert 'href="/static/print.css" media="all"' in printed.text
    css = await seeded_client.get("/static/print.css")
    assert css.status_code == 200 and "display: none" in css.text


async def test_public_pages_are_cached_with_an_etag(seeded_client: httpx.AsyncClient) -> None:
    r = await seeded_client.get("/en/states/KIR")
    assert r.headers["cache-control"] == "public, max-age=300"
    etag = r.headers["etag"]
    again = await seeded_client.get("/en/states/KIR", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other = await seeded_client.get("/fr/states/KIR", headers={"if-none-match": etag})
    assert other.status_code == 200


async def test_pages_allow_only_their_own_assets(seeded_client: httpx.AsyncClient) -> None:
    r = await seeded_client.get("/en/")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "style-src 'self'" in csp
    assert "unpkg" not in r.text and "https://" not in r.text.split("<main")[0]


@pytest.mark.parametrize(
    "path", ["/en/nothing-here", "/xx/", "/en/states/ZZZ", "/fr/authorities/none"]
)
async def test_unknown_pages_are_html_404s(seeded_client: httpx.AsyncClient, path: str) -> None:
    r = await seeded_client.get(path, headers=HTML)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "<h1>" in r.text


async def test_the_api_keeps_its_json_404(client: httpx.AsyncClient) -> None:
    r = await client.get("/nothing-here", headers={"accept": "application/json"})
    assert r.status_code == 404
    assert r.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_state_page_lists_its_legal_requirements_with_sources(
    seeded_client: httpx.AsyncClient,
) -> None:
    r = await seeded_client.get("/en/states/AUT")
    assert r.status_code == 200
    section = r.text.split('id="AUT-requirements"', 1)[1].split("</section>", 1)[0]
    assert 'data-kind="DUAL_CRIMINALITY"' in section
    assert "Required" in section
    assert "Search and seizure" in section  # the measure it is limited to
    assert "binds both States" in section  # its condition on the legal basis
    assert "wipo.int/wipolex" in section  # a source of it
    # in French, the section's words are French; the State's own text stays marked English
    fr = await seeded_client.get("/fr/states/AUT")
    assert "Exigences juridiques" in fr.text and "lie les deux États" in fr.text


async def test_answer_shows_the_requirements_of_the_route(
    seeded_client: httpx.AsyncClient,
) -> None:
    r = await seeded_client.get("/en/answer?requesting=FRA&requested=AUT&subject=MLA")
    assert r.status_code == 200
    section = r.text.split('id="requirements"', 1)[1].split("</section>", 1)[0]
    assert 'data-kind="DUAL_CRIMINALITY"' in section
    assert "only for: " in section and "Search and seizure" in section
    # a State with no requirement recorded says so
    r = await seeded_client.get("/en/answer?requesting=FRA&requested=KIR&subject=MLA")
    assert "The directory records no legal requirement for this request." in r.text
