"""What a seed run did, per table."""

from __future__ import annotations

from dataclasses import dataclass, field

REASON = "edited through the API since seeding"


@dataclass
class TableCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    kept: int = 0  # left as they are: edited through the API since seeding

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@dataclass
class SeedReport:
    """Counts per table; a fact whose sources changed counts as updated."""

    tables: dict[str, TableCount] = field(default_factory=dict)

    def table(self, name: str) -> TableCount:
        return self.tables.setdefault(name, TableCount())

    @property
    def changed(self) -> bool:
        return any(t.changed for t in self.tables.values())

    def summary(self) -> str:
        lines = []
        for name, t in self.tables.items():
            line = f"{name}: {t.created} created, {t.updated} updated, {t.unchanged} unchanged"
            line += f", {t.deleted} deleted" if t.deleted else ""
            line += f", {t.kept} kept ({REASON})" if t.kept else ""
            lines.append(line)
        lines.append("changes written." if self.changed else "nothing changed.")
        return "\n".join(lines)
