"""Build seed/*.json from the research files: the one way facts from them enter the seed.

    python seed/tools/import_shared.py PATH/TO/RESEARCH/DATA

The research files are summaries of public pages (see their README); this script only
reshapes them into the seed format and adds the decisions that are ours: source kinds,
verification levels, authority keys, channel-rule flags read from each condition, and the
corrections in ``CORRECTIONS`` (each with its reason). It writes ``participation.json``,
``notifications_more.json``, ``authorities.json`` and ``sources.json``; run it again after
a research file changes, never edit those files by hand. Reading:
``untoc_status.json`` and ``untoc_participation_full.json`` (participation, merged by
``shared_participation``), ``notifications_more.json`` (``shared_more``),
``central_authorities.json`` and ``authorities_more.json`` (authorities).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import shared_more
import shared_participation

SEED = Path(__file__).resolve().parent.parent
UNTOC_SEEN = "2024-05-04"
AUTHORITIES_SEEN = "2026-11-22"
MORE_SEEN = "2026-12-01"  # compiled date of the later research files

# Hosts of governments, the UN (its Treaty Collection is the depositary's own record; un.org its
# member and group lists), treaty bodies, official gazettes and treaty databases. UNODC pages
# (unodc.org) stay secondary: their status lists are copies of the depositary's, of their date.
_OFFICIAL_HOST = re.compile(
    r"(^|\.)(gov|govt|gouv|go|admin|government)\.|\.gov$|(^|\.)un\.org$|(^|\.)coe\.int$"
    r"|ejn-crimjust\.europa\.eu$|eurojust\.europa\.eu$|verdragenbank\.overheid\.nl$"
    r"|officielebekendmakingen\.nl$|finlex\.fi$|oikeusministerio\.fi$|justice\.fr$"
    r"|senado\.leg\.br$|bundesanwaltschaft\.ch$|lawreform\.ie$|^gov\.(ie|br)$"
)

# Facts the seed states itself (membership, regional groups, the 1988 Convention).
EXTRA_SOURCES = [
    ("https://www.un.org/en/about-us/member-states", "United Nations: Member States"),
    ("https://www.un.org/dgacm/en/content/regional-groups", "UN DGACM: regional groups"),
    (
        "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=VI-19&chapter=6&clang=_en",
        "UNTC chapter VI-19: 1988 Convention against Illicit Traffic",
    ),
]

SECONDARY_RECORDS = {"CRI", "JAM", "UGA", "THA", "GHA", "EGY", "PAK"}

# (jurisdiction, channel kind) -> flags and subject, where the condition clearly says so.
CHANNEL_FLAGS: dict[tuple[str, str], dict[str, Any]] = {
    ("IRL", "EMAIL"): {"urgent_only": True, "original_to_follow": True},
    ("IRL", "FAX"): {"urgent_only": True, "original_to_follow": True},
    ("IRL", "INTERPOL"): {"urgent_only": True},
    ("PER", "EMAIL"): {"urgent_only": True, "original_to_follow": True},
    ("PER", "FAX"): {"urgent_only": True, "original_to_follow": True},
    ("PER", "INTERPOL"): {"urgent_only": True, "original_to_follow": True},
    ("ROU", "ELECTRONIC"): {"original_to_follow": True},
    ("TUN", "DIRECT_JUDICIAL"): {"urgent_only": True},
    ("BRA", "DIRECT_CENTRAL_AUTHORITY"): {"permission": "REQUIRED"},
    ("IDN", "DIPLOMATIC"): {"permission": "REQUIRED", "subject": "EXTRADITION"},
    ("HUN", "INTERPOL"): {"subject": "PROVISIONAL_ARREST"},
    ("CHL", "DIPLOMATIC"): {"subject": "EXTRADITION"},
    ("COL", "DIPLOMATIC"): {"subject": "EXTRADITION"},
    ("COL", "INTERPOL"): {"subject": "EXTRADITION"},
    **{("DNK", k): {"subject": "EXTRADITION"} for k in ("DIRECT_CENTRAL_AUTHORITY", "DIPLOMATIC")},
    **{("DNK", k): {"subject": "EXTRADITION"} for k in ("SIS", "POST", "FAX", "EMAIL")},
}


# Corrections of an imported designation: (authority key, subject) -> fields, with why.
CORRECTIONS: dict[tuple[str, str], dict[str, Any]] = {
    ("aut-rou-ministry-of-administration-and-interior", "MLA"): {
        "matter": "CRIMINAL_RECORDS",
        "notes": "Scoped to criminal-record requests (matter CRIMINAL_RECORDS), not to mutual "
        "legal assistance in general: the declaration designates it only for art. 15(3) "
        "requests, which concern extracts from judicial records (art. 13). Other MLA requests "
        "go to the Ministry of Justice (trial and execution) or the Prosecutor's Office "
        "(investigation).",
    },
}

# Authorities named in a declaration of notifications_more.json and in no authority record.
DECLARED_AUTHORITIES = {
    "SVK": {
        "name_en": "Ministry of Justice",
        "subject": "INFORMATION_ON_LAW",
        "designated_under": "UNTOC arts. 6(2)(d) and 13(5): the authority that furnishes copies "
        "of the laws giving effect to them to the UN Secretary-General (declaration in the UNTC "
        "Declarations and Reservations section)",
    },
}


def source_kind(url: str) -> str:
    return "OFFICIAL" if _OFFICIAL_HOST.search(urlparse(url).netloc.lower()) else "SECONDARY"


def slug(text: str, limit: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split()
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > limit:
            break
        out = f"{out}-{word}" if out else word
    return out


class Sources:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}

    def cite(self, urls: list[str], seen_on: str) -> list[str]:
        for url in urls:
            self.rows.setdefault(url, {"url": url, "kind": source_kind(url), "seen_on": seen_on})
        return list(dict.fromkeys(urls))

    def verification(self, urls: list[str]) -> str:
        return "OFFICIAL" if any(self.rows[u]["kind"] == "OFFICIAL" for u in urls) else "SECONDARY"


def _read(shared: Path, name: str) -> Any:
    return json.loads((shared / name).read_text())


def _write(name: str, rows: Any) -> None:
    (SEED / name).write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")


def main(shared: Path) -> None:
    status = _read(shared, "untoc_status.json")
    full = _read(shared, "untoc_participation_full.json")
    more = _read(shared, "notifications_more.json")
    records = _read(shared, "central_authorities.json")["records"]
    more_records = _read(shared, "authorities_more.json")["records"]
    stages = {s["code"] for s in _read(SEED, "vocabularies.json")["procedural_stages"]}
    sources = Sources()
    for url, title in EXTRA_SOURCES:
        sources.cite([url], AUTHORITIES_SEEN)
        sources.rows[url]["title"] = title
    for instrument in status["instruments"]:
        sources.cite(instrument["sources"], UNTOC_SEEN)
    for notice in status["notifications"]:
        sources.cite(notice["sources"], UNTOC_SEEN)
    sources.cite([n["source"] for n in status["other_notifications"]], UNTOC_SEEN)
    for p in status["participation"]:  # read on the extract's day, before the full tables
        sources.cite(shared_participation.row_sources(p), UNTOC_SEEN)
    rows = shared_participation.merge(status, full, sources.cite, sources.verification, MORE_SEEN)
    shared_participation.add_territorial(
        rows, status["notifications"], sources.cite, sources.verification, UNTOC_SEEN
    )
    # the later file's declarations give the full text where the extract's was cut off
    shared_participation.add_territorial(
        rows, more["notifications"], sources.cite, sources.verification, MORE_SEEN
    )
    _write("participation.json", rows)
    _write("notifications_more.json", shared_more.notifications(more, sources.cite, MORE_SEEN))
    authorities = [
        *(_record(r, sources, AUTHORITIES_SEEN, stages) for r in records),
        *(_record(r, sources, MORE_SEEN, stages) for r in more_records),
        *_declared(more, sources),
    ]
    keys = [a["key"] for r in authorities for a in r["authorities"]]
    assert len(keys) == len(set(keys)), "lengthen the slug rather than number the keys"
    _write("authorities.json", authorities)
    _write("sources.json", list(sources.rows.values()))


def _record(
    record: dict[str, Any], sources: Sources, seen: str, stages: set[str]
) -> dict[str, Any]:
    iso3 = record["iso3"]
    urls = sources.cite(record["sources"], seen)
    level = "SECONDARY" if iso3 in SECONDARY_RECORDS else "OFFICIAL"
    entries = []
    for position, a in enumerate(record["authorities"]):
        a_urls = sources.cite(a["sources"], seen)
        names = [{"language": "en", "name": a["name_en"]}]
        if a["name_original"]:
            names.append(
                {"language": a["original_language"], "name": a["name_original"], "original": True}
            )
        key = f"aut-{iso3.lower()}-{slug(a['name_en'])}"
        code, stage_words = shared_more.stage(a["scope"]["stage"], stages)
        designations = []
        for function in a["functions"]:
            note = f"Stage as the source puts it: {stage_words}." if stage_words else None
            if function == "SURRENDER_OF_FUGITIVE_OFFENDERS":
                function = "EXTRADITION"
                note = "The source's term is surrender of fugitive offenders (extradition)."
            designation = {
                "subject": function,
                "stage": code,
                "matter": a["scope"]["matter"],
                "direction": a["scope"]["direction"],
                "priority": position,
                "designated_under": a["designated_under"] or None,
                "notes": note,
                "verification": level,
                "sources": a_urls,
            }
            if (found := shared_more.provision(a["designated_under"])) and function == "MLA":
                designation["provision"] = found
            designations.append(designation | CORRECTIONS.get((key, function), {}))
        entries.append(
            {
                "key": key,
                "names": names,
                "city": a["city"],
                "website": a["website"],
                "notes": record["notes"] if position == 0 else None,
                "verification": level,
                "sources": a_urls,
                "designations": designations,
            }
        )
    channels = []
    for c in record["channels"]:
        flags = dict(CHANNEL_FLAGS.get((iso3, c["kind"]), {}))
        channels.append({"channel": c["kind"], **flags, "condition": c["condition"]})
    languages = [{"language": x["code"], "condition": x["condition"]} for x in record["languages"]]
    return {
        "jurisdiction": iso3,
        "verification": level,
        "sources": urls,
        "authorities": entries,
        "languages": languages,
        "channels": channels,
    }


def _declared(more: dict[str, Any], sources: Sources) -> list[dict[str, Any]]:
    by_state = {n["iso3"]: n for n in more["notifications"]}
    out = []
    for iso3, a in DECLARED_AUTHORITIES.items():
        urls = sources.cite(by_state[iso3]["sources"], MORE_SEEN)
        level = sources.verification(urls)
        designation = {
            "subject": a["subject"],
            "stage": None,
            "matter": None,
            "direction": "INCOMING",
            "priority": 0,
            "designated_under": a["designated_under"],
            "notes": None,
            "verification": level,
            "sources": urls,
        }
        entry = {
            "key": f"aut-{iso3.lower()}-{slug(a['name_en'])}",
            "names": [{"language": "en", "name": a["name_en"]}],
            "city": None,
            "website": None,
            "notes": None,
            "verification": level,
            "sources": urls,
            "designations": [designation],
        }
        out.append(
            {
                "jurisdiction": iso3,
                "verification": level,
                "sources": urls,
                "authorities": [entry],
                "languages": [],
                "channels": [],
            }
        )
    return out


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python seed/tools/import_shared.py PATH/TO/RESEARCH/DATA")
    main(Path(sys.argv[1]))
