"""Build seed/*.json from the research files (run once, by hand).

    python seed/tools/import_shared.py PATH/TO/RESEARCH/DATA

The research files are summaries of public pages (see their README); this script only
reshapes them into the seed format and adds the decisions that are ours: source kinds,
verification levels, authority keys, and channel-rule flags read from each condition.
The seed files it writes are the source of truth afterwards and are reviewed like code.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

SEED = Path(__file__).resolve().parent.parent
UNTOC_SEEN = "2024-05-04"
AUTHORITIES_SEEN = "2026-11-22"

# Hosts of governments, the depositary, treaty bodies, official gazettes and treaty databases.
_OFFICIAL_HOST = re.compile(
    r"(^|\.)(gov|govt|gouv|go|admin|government)\.|\.gov$|^treaties\.un\.org$|(^|\.)coe\.int$"
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


def participation(status: dict[str, Any], sources: Sources) -> list[dict[str, Any]]:
    territorial = {n["iso3"]: n for n in status["notifications"] if n["territorial_application"]}
    rows = []
    for p in status["participation"]:
        urls = [p["source"], p["signature_date_source"], p["action_date_source"]]
        urls = sources.cite([u for u in urls + p["corroborating_sources"] if u], UNTOC_SEEN)
        row = {
            "jurisdiction": p["iso3"],
            "instrument": p["instrument"],
            "signed_on": p["signature_date"],
            "consent_on": p["action_date"],
            "consent_type": p["action_type"],
            "territorial_application": None,
            "verification": sources.verification(urls),
            "notes": p["note"],
            "sources": urls,
        }
        notice = territorial.pop(p["iso3"], None) if p["instrument"] == "UNTOC" else None
        if notice:
            row["territorial_application"] = notice["territorial_application"]
            row["sources"] = sources.cite(urls + notice["sources"], UNTOC_SEEN)
        rows.append(row)
    for iso3, notice in territorial.items():  # a State whose consent row was not reached
        urls = sources.cite(notice["sources"], UNTOC_SEEN)
        rows.append(
            {
                "jurisdiction": iso3,
                "instrument": "UNTOC",
                "signed_on": None,
                "consent_on": None,
                "consent_type": None,
                "territorial_application": notice["territorial_application"],
                "verification": sources.verification(urls),
                "notes": "Consent date not reached in the stored sources; territorial facts only.",
                "sources": urls,
            }
        )
    return rows


def main(shared: Path) -> None:
    status = json.loads((shared / "untoc_status.json").read_text())
    records = json.loads((shared / "central_authorities.json").read_text())["records"]
    sources = Sources()
    for url, title in EXTRA_SOURCES:
        sources.cite([url], AUTHORITIES_SEEN)
        sources.rows[url]["title"] = title
    for instrument in status["instruments"]:
        sources.cite(instrument["sources"], UNTOC_SEEN)
    for notice in status["notifications"]:
        sources.cite(notice["sources"], UNTOC_SEEN)
    sources.cite([n["source"] for n in status["other_notifications"]], UNTOC_SEEN)
    rows = participation(status, sources)
    (SEED / "participation.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    authorities = []
    keys: set[str] = set()
    for record in records:
        iso3 = record["iso3"]
        urls = sources.cite(record["sources"], AUTHORITIES_SEEN)
        level = "SECONDARY" if iso3 in SECONDARY_RECORDS else "OFFICIAL"
        entries = []
        for position, a in enumerate(record["authorities"]):
            a_urls = sources.cite(a["sources"], AUTHORITIES_SEEN)
            names = [{"language": "en", "name": a["name_en"]}]
            if a["name_original"]:
                names.append(
                    {
                        "language": a["original_language"],
                        "name": a["name_original"],
                        "original": True,
                    }
                )
            designations = []
            for function in a["functions"]:
                note = None
                if function == "SURRENDER_OF_FUGITIVE_OFFENDERS":
                    function = "EXTRADITION"
                    note = "The source's term is surrender of fugitive offenders (extradition)."
                designations.append(
                    {
                        "subject": function,
                        "stage": a["scope"]["stage"],
                        "matter": a["scope"]["matter"],
                        "direction": a["scope"]["direction"],
                        "priority": position,
                        "designated_under": a["designated_under"] or None,
                        "notes": note,
                        "verification": level,
                        "sources": a_urls,
                    }
                )
            key = f"aut-{iso3.lower()}-{slug(a['name_en'])}"
            assert key not in keys, key  # lengthen the slug rather than number the keys
            keys.add(key)
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
        languages = [
            {"language": x["code"], "condition": x["condition"]} for x in record["languages"]
        ]
        authorities.append(
            {
                "jurisdiction": iso3,
                "verification": level,
                "sources": urls,
                "authorities": entries,
                "languages": languages,
                "channels": channels,
            }
        )
    (SEED / "authorities.json").write_text(
        json.dumps(authorities, ensure_ascii=False, indent=1) + "\n"
    )
    (SEED / "sources.json").write_text(
        json.dumps(list(sources.rows.values()), ensure_ascii=False, indent=1) + "\n"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python seed/tools/import_shared.py PATH/TO/RESEARCH/DATA")
    main(Path(sys.argv[1]))
