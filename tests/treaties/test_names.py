"""THE name fallback: in the language asked, else English, else the original, else a code.
Called directly, and through every field and answer that shows a name."""

from __future__ import annotations

from directory.authorities import models as am
from directory.authorities import services as authorities
from directory.enums import UNLanguage, Verification
from directory.search.index import reindex_authorities
from directory.treaties import services
from tests.helpers import gql
from tests.treaties.factories import TreatyFactory

NAMES = """
query Names($code: String!) {
  jurisdiction(code: $code) {
    ar: name(language: AR) fr: name(language: FR) en: name
    authorities {
      key
      en: name
      fr: name(language: FR)
      es: name(language: ES)
    }
  }
}
"""
SEARCH = """
query Search($text: String!) { search(text: $text) { nodes { kind code name } } }
"""


def test_the_language_then_english_then_the_original_then_the_default() -> None:
    names = {"en": "Ministry", "fr": "Ministère", "de": "Ministerium"}
    assert services.display_name(names, UNLanguage.FR, default="k") == "Ministère"
    assert services.display_name(names, UNLanguage.ZH, default="k") == "Ministry"
    no_english = {"de": "Ministerium"}
    assert services.display_name(no_english, original="Ministerium", default="k") == "Ministerium"
    assert services.display_name({}, UNLanguage.AR, default="XAA") == "XAA"


async def test_every_surface_of_the_api_shows_the_same_name(client, session) -> None:
    # given a State named in English and French, with an authority named in German (its
    # original) and Spanish, one in Italian (its original) and French, and one with no
    # original, in Portuguese and French
    f = TreatyFactory(session)
    state = await f.jurisdiction("XNM", "Naming State", names={"fr": "État nommant"})
    official = Verification.OFFICIAL
    swiss = am.Authority(key="xnm-bundesamt", jurisdiction_id=state.id, verification=official)
    other = am.Authority(key="xnm-ufficio", jurisdiction_id=state.id, verification=official)
    unmarked = am.Authority(key="xnm-unmarked", jurisdiction_id=state.id, verification=official)
    session.add_all([swiss, other, unmarked])
    await session.flush()
    session.add_all(
        [
            am.AuthorityName(
                authority_id=swiss.id, language="de", name="Bundesamt Xnm", is_original=True
            ),
            am.AuthorityName(authority_id=swiss.id, language="es", name="Oficina Xnm"),
            am.AuthorityName(
                authority_id=other.id, language="it", name="Ufficio Xnm", is_original=True
            ),
            am.AuthorityName(authority_id=other.id, language="fr", name="Office Xnm"),
            am.AuthorityName(authority_id=unmarked.id, language="pt", name="Gabinete Xnm"),
            am.AuthorityName(authority_id=unmarked.id, language="fr", name="Cabinet Xnm"),
        ]
    )
    await session.flush()
    # rows written here, not by the seed or editing writers: index them as those do
    await reindex_authorities(session, [swiss.id, other.id, unmarked.id])
    # when the jurisdiction and its authorities are asked for their names
    body = await gql(client, NAMES, {"code": "XNM"})
    jurisdiction = body["data"]["jurisdiction"]
    # then the State falls back to English where it has no Arabic name
    assert (jurisdiction["ar"], jurisdiction["fr"], jurisdiction["en"]) == (
        "Naming State",
        "État nommant",
        "Naming State",
    )
    by_key = {a["key"]: a for a in jurisdiction["authorities"]}
    # and each authority to its original (whatever its language sorts as), else to its
    # first name by language code
    assert by_key["xnm-bundesamt"] == {
        "key": "xnm-bundesamt",
        "en": "Bundesamt Xnm",
        "fr": "Bundesamt Xnm",
        "es": "Oficina Xnm",
    }
    assert by_key["xnm-ufficio"] == {
        "key": "xnm-ufficio",
        "en": "Ufficio Xnm",
        "fr": "Office Xnm",
        "es": "Ufficio Xnm",
    }
    assert by_key["xnm-unmarked"] == {
        "key": "xnm-unmarked",
        "en": "Cabinet Xnm",
        "fr": "Cabinet Xnm",
        "es": "Cabinet Xnm",
    }
    # and the service answers the same for any surface that holds the rows
    rows = await authorities.names_for(session, [swiss.id])
    assert authorities.authority_name(rows, swiss.key, UNLanguage.ES) == "Oficina Xnm"
    # and search names its hits by the same rule (English asked)
    found = await gql(client, SEARCH, {"text": "xnm"})
    hits = {(n["kind"], n["code"]): n["name"] for n in found["data"]["search"]["nodes"]}
    assert hits[("AUTHORITY", "xnm-bundesamt")] == "Bundesamt Xnm"
    assert hits[("AUTHORITY", "xnm-ufficio")] == "Ufficio Xnm"  # was its French name
    assert hits[("AUTHORITY", "xnm-unmarked")] == "Cabinet Xnm"
    assert hits[("JURISDICTION", "XNM")] == "Naming State"
