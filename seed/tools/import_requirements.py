"""Build seed/requirements.json from the research files (run by hand when they change).

    python seed/tools/import_requirements.py PATH/TO/RESEARCH/DATA

The research records state legal requirements in running text (notes, channel conditions,
declarations). ``FACTS`` below is our reading of each, as a structured requirement; the
script checks that the text it rests on is still in the record (``needle``) and copies the
record's sources, so a fact never outlives the sentence it was read from. Requirement kinds
are written for this project (after the PC-OC "national procedures" forms and SHERLOC's
"legal requirements").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from import_shared import AUTHORITIES_SEEN, SEED, source_kind

KINDS = [
    (
        "DUAL_CRIMINALITY",
        "Dual criminality",
        "Whether the conduct must be an offence in the requested State too.",
    ),
    ("RECIPROCITY", "Reciprocity", "Whether assistance needs a guarantee of reciprocity."),
    (
        "ASSURANCE_DEATH_PENALTY",
        "Assurance: death penalty",
        "An assurance that the death penalty will not be imposed or carried out.",
    ),
    (
        "ASSURANCE_LIFE_IMPRISONMENT",
        "Assurance: life imprisonment",
        "An assurance about life imprisonment without review.",
    ),
    (
        "LIMITATION_OF_USE",
        "Limitation of use",
        "Evidence may be used only for the proceedings named in the request.",
    ),
    (
        "SPECIALITY",
        "Speciality",
        "A surrendered person may be prosecuted only for the offences of the request.",
    ),
    (
        "CONFIDENTIALITY",
        "Confidentiality",
        "Whether the request and its content are kept confidential.",
    ),
    (
        "FORM_ORIGINAL_BY_POST",
        "Original by post",
        "Whether the signed original must follow by post or a formal channel.",
    ),
    (
        "FORM_ELECTRONIC_SIGNATURE",
        "Electronic signature",
        "Whether an electronic signature is required or accepted.",
    ),
    ("FORM_ENCRYPTION", "Encryption", "Whether electronic transmission must be encrypted."),
    ("LEGALISATION", "Legalisation", "Whether documents must be legalised or apostilled."),
    (
        "TRANSLATION_OF_ATTACHMENTS",
        "Translation of attachments",
        "Whether attachments must be translated as well as the request.",
    ),
    (
        "CONTENT",
        "Content of the request",
        "What the request must contain beyond the treaty's list.",
    ),
    (
        "LEGISLATION",
        "National legislation",
        "A link to the State's law on international cooperation.",
    ),
    ("GUIDE", "National guide", "A link to the State's guide, template or form for requests."),
]

# (file, record code, where the text is, needle, requirement)
FACTS: list[tuple[str, str, str, str, dict[str, Any]]] = [
    (
        "central_authorities.json",
        "AUT",
        "notes",
        "makes search and seizure subject to",
        {
            "kind": "DUAL_CRIMINALITY",
            "status": "REQUIRED",
            "subject": "MLA",
            "measure": "SEARCH_AND_SEIZURE",
            "instrument": "ETS_030",
            "basis_condition": "WHEN_IN_FORCE",
            "text": "Under Austria's declaration to art. 5 of the 1959 Convention, search and "
            "seizure are subject to Austrian law (dual criminality); attach a copy of the "
            "competent authority's order.",
        },
    ),
    (
        "central_authorities.json",
        "CZE",
        "notes",
        "reciprocity guarantee",
        {
            "kind": "RECIPROCITY",
            "status": "REQUIRED",
            "subject": "MLA",
            "basis_condition": "NO_TREATY",
            "text": "Without a treaty, cooperation needs a reciprocity guarantee accepted by the "
            "Minister of Justice.",
        },
    ),
    (
        "central_authorities.json",
        "BRA",
        "notes",
        "need no legalisation",
        {
            "kind": "LEGALISATION",
            "status": "NOT_REQUIRED",
            "subject": "MLA",
            "text": "Documents sent from central authority to central authority need no "
            "legalisation.",
        },
    ),
    (
        "central_authorities.json",
        "PER",
        "notes",
        "need no legalisation",
        {
            "kind": "LEGALISATION",
            "status": "NOT_REQUIRED",
            "subject": "MLA",
            "text": "Documents sent through a central authority or the diplomatic channel need "
            "no legalisation.",
        },
    ),
    (
        "central_authorities.json",
        "PER",
        "notes",
        "CPP art. 530",
        {
            "kind": "RECIPROCITY",
            "status": "REQUIRED",
            "subject": "MLA",
            "basis_condition": "NO_TREATY",
            "text": "Where no treaty applies, the request must meet the content requirements of "
            "art. 530 of the Code of Criminal Procedure and reciprocity.",
        },
    ),
    (
        "central_authorities.json",
        "IDN",
        "notes",
        "written reciprocal undertaking",
        {
            "kind": "RECIPROCITY",
            "status": "REQUIRED",
            "basis_condition": "NO_TREATY",
            "text": "Without a treaty, MLA and extradition may be granted on reciprocity: include "
            "a written reciprocal undertaking in the request.",
        },
    ),
    (
        "central_authorities.json",
        "THA",
        "channels",
        "assurance of reciprocity",
        {
            "kind": "RECIPROCITY",
            "status": "REQUIRED",
            "subject": "MLA",
            "basis_condition": "NO_TREATY",
            "text": "Where no cooperation agreement exists, the request goes through the "
            "diplomatic channel with an assurance of reciprocity.",
        },
    ),
    (
        "authorities_more.json",
        "MUS",
        "channels",
        "no encryption or e-signature required",
        {
            "kind": "FORM_ENCRYPTION",
            "status": "NOT_REQUIRED",
            "subject": "EXTRADITION",
            "text": "The advance copy sent by e-mail needs no encryption.",
        },
    ),
    (
        "authorities_more.json",
        "MUS",
        "channels",
        "no encryption or e-signature required",
        {
            "kind": "FORM_ELECTRONIC_SIGNATURE",
            "status": "NOT_REQUIRED",
            "subject": "EXTRADITION",
            "text": "The advance copy sent by e-mail needs no electronic signature; the original "
            "follows through the diplomatic channel.",
        },
    ),
    (
        "notifications_more.json",
        "PAN",
        "other_cooperation_declarations",
        "Dual criminality required",
        {
            "kind": "DUAL_CRIMINALITY",
            "status": "REQUIRED",
            "instrument": "UNTOC",
            "basis_condition": "WHEN_IN_FORCE",
            "text": "Declared under UNTOC arts. 16 and 18: Panama is not obliged to extradite or "
            "to give assistance where the facts are not offences under its criminal law.",
        },
    ),
]


def _records(shared: Path, name: str) -> dict[str, dict[str, Any]]:
    data = json.loads((shared / name).read_text(encoding="utf-8"))
    rows = data.get("records") or data.get("notifications") or []
    return {r.get("iso3") or r.get("jurisdiction"): r for r in rows}


def _urls(record: dict[str, Any]) -> list[str]:
    return [s if isinstance(s, str) else s["url"] for s in record.get("sources") or []]


def main(shared: Path) -> None:
    files: dict[str, dict[str, dict[str, Any]]] = {}
    requirements, sources = [], {}
    for name, code, where, needle, fact in FACTS:
        record = files.setdefault(name, _records(shared, name)).get(code)
        if record is None or needle not in json.dumps(record.get(where), ensure_ascii=False):
            raise SystemExit(f"{name} {code}.{where} no longer says {needle!r}: review FACTS")
        urls = _urls(record)
        for url in urls:
            sources[url] = {"url": url, "kind": source_kind(url), "seen_on": AUTHORITIES_SEEN}
        requirements.append({"jurisdiction": code, **fact, "sources": urls})
    out = {
        "sources": list(sources.values()),
        "kinds": [{"code": c, "name": n, "description": d} for c, n, d in KINDS],
        "requirements": requirements,
    }
    path = SEED / "requirements.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}: {len(requirements)} requirements, {len(sources)} sources")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
