"""The validated seed: plain rows keyed by natural keys, ready to be written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]


@dataclass
class Plan:
    # source ref (url or document) -> columns
    sources: dict[str, Row] = field(default_factory=dict)
    # vocabulary table name -> rows (code, name, description, position)
    vocabularies: dict[str, list[Row]] = field(default_factory=dict)
    # jurisdiction rows carry "parent" (a code), "names" {lang: name} and "sources"
    jurisdictions: list[Row] = field(default_factory=list)
    # search aliases: "jurisdiction" (a code), kind, language, alias, folded, "source" (a ref)
    aliases: list[Row] = field(default_factory=list)
    # instrument rows carry "supplements" (a code) and "sources"
    instruments: list[Row] = field(default_factory=list)
    # provision rows carry "instrument" (a code)
    provisions: list[Row] = field(default_factory=list)
    participations: list[Row] = field(default_factory=list)
    # notification rows carry "jurisdiction", "instrument", "article", "languages"
    notifications: list[Row] = field(default_factory=list)
    # authority rows carry "jurisdiction", "names", "designations", "sources"
    authorities: list[Row] = field(default_factory=list)
    # jurisdiction code -> desired jurisdiction-level channel / language rules
    channel_rules: dict[str, list[Row]] = field(default_factory=dict)
    language_rules: dict[str, list[Row]] = field(default_factory=dict)
    # stage code -> the stage it is part of (vocabularies.json, procedural_stages "within")
    stage_parts: dict[str, str] = field(default_factory=dict)
    # measures (code, name, description, position) and the sources of each
    measures: list[Row] = field(default_factory=list)
    measure_sources: dict[str, list[str]] = field(default_factory=dict)
    # requirement kinds (code, name, description, position)
    requirement_kinds: list[Row] = field(default_factory=list)
    # jurisdiction code -> its legal requirements (kind, status, text, …, "sources")
    requirements: dict[str, list[Row]] = field(default_factory=dict)
