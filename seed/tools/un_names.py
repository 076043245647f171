"""Write seed/un_names.json: the UN's names of its Member States in the six languages, and
their IOC codes, from the ``countrycode`` package (a development-time generator only).

    python -m venv /tmp/cc && /tmp/cc/bin/pip install countrycode==0.6.0
    /tmp/cc/bin/python seed/tools/un_names.py

``countrycode`` (GPL-3.0-or-later) carries the country names of the UN M49 standard
("Standard country or area codes for statistical use", UN Statistics Division) in Arabic,
Chinese, English, French, Russian and Spanish, and the IOC codes. It is never imported by
the directory: this script copies those facts (names and codes, with their source) into a
seed file that is committed and reviewed; the loader reads only that file.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import version
from pathlib import Path

from countrycode import countrycode  # type: ignore[import-not-found]

SEED = Path(__file__).resolve().parent.parent
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


def main() -> None:
    members = [
        code
        for group in json.loads((SEED / "jurisdictions.json").read_text())[
            "regional_groups"
        ].values()
        for code in group
    ]
    names = {
        code: {lang: countrycode(code, "iso3c", f"un.name.{lang}") for lang in LANGUAGES}
        for code in sorted(members)
    }
    missing = [code for code, n in names.items() if not all(n.values())]
    if missing:
        raise SystemExit(f"countrycode has no UN name for {missing}: check the codes")
    ioc = {}
    for code in sorted(set(members) | {"PSE", "COK", "HKG", "ABW"}):
        other = countrycode(code, "iso3c", "ioc")
        if other and other != code:
            ioc[code] = other
    out = {
        "_comment": "Written by seed/tools/un_names.py; do not edit by hand.",
        "names_source": {
            "url": "https://unstats.un.org/unsd/methodology/m49/",
            "title": "UN M49 standard: country names in the six official languages (as "
            f"carried by the countrycode package {version('countrycode')})",
            "kind": "OFFICIAL",
            "seen_on": dt.date.today().isoformat(),
        },
        "ioc_source": {
            "document": f"IOC country codes, as carried by countrycode {version('countrycode')}",
            "title": "International Olympic Committee codes (e.g. GER for Germany)",
            "kind": "SECONDARY",
            "seen_on": dt.date.today().isoformat(),
        },
        "names": names,
        "ioc": ioc,
    }
    (SEED / "un_names.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
