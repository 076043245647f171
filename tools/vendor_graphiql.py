"""Fetch GraphiQL's third-party files again, exactly as ``assets.json`` pins them.

    python tools/vendor_graphiql.py          # fetch with `npm pack`, check, write
    python tools/vendor_graphiql.py --check  # only check the files in place (no network)

For each package of ``directory/graphql/static/graphiql/assets.json``: ``npm pack NAME@VERSION``
(npm's own client and registry configuration), the tarball's sha512 compared with the pinned
``integrity``, the listed members extracted under their ``as`` names, and each script or
stylesheet compared with its pinned ``sha384`` (the value the page's ``integrity`` attributes
carry too). Any mismatch stops the script before a file is written. Needs ``npm`` on PATH.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "directory" / "graphql" / "static" / "graphiql"


def _digest(algorithm: str, data: bytes) -> str:
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


def lock() -> list[dict[str, object]]:
    packages: list[dict[str, object]] = json.loads((HERE / "assets.json").read_text())["packages"]
    return packages


def check() -> list[str]:
    """Problems with the files in place (empty: every pinned hash matches)."""
    problems = []
    for package in lock():
        files = package["files"]
        assert isinstance(files, dict)
        for member in files.values():
            path = HERE / member["as"]
            if not path.is_file():
                problems.append(f"{path.name} is missing: run tools/vendor_graphiql.py")
            elif "sha384" in member and _digest("sha384", path.read_bytes()) != member["sha384"]:
                problems.append(f"{path.name} differs from {package['name']}@{package['version']}")
    return problems


def fetch() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out: dict[str, bytes] = {}
        for package in lock():
            spec = f"{package['name']}@{package['version']}"
            name = (
                subprocess.run(
                    ["npm", "pack", spec, "--silent", "--pack-destination", tmp],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            tarball = (Path(tmp) / name).read_bytes()
            if "sha512-" + _digest("sha512", tarball) != package["integrity"]:
                sys.exit(f"{spec}: the tarball's sha512 is not the pinned integrity")
            files = package["files"]
            assert isinstance(files, dict)
            with tarfile.open(Path(tmp) / name) as archive:
                for member, target in files.items():
                    extracted = archive.extractfile(member)
                    if extracted is None:
                        sys.exit(f"{spec}: {member} is not a file in the tarball")
                    data = extracted.read()
                    if "sha384" in target and _digest("sha384", data) != target["sha384"]:
                        sys.exit(f"{spec}: {member} does not match its pinned sha384")
                    out[target["as"]] = data
        for name, data in out.items():
            (HERE / name).write_bytes(data)
            print(f"wrote {name} ({len(data):,} bytes)")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        found = check()
        print("\n".join(found) or "every file matches assets.json")
        sys.exit(1 if found else 0)
    fetch()
