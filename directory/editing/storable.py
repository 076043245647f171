"""Whether a change can be stored as it is: checked in ``prepare``, so when it is submitted.

A State editor's change waits as JSON in a change request; its values meet their columns
only when the secretariat approves it. A value no column can keep (longer than the column,
a NUL, a lone surrogate, a control character; see ``directory.hygiene``) would make that
request impossible to approve, on PostgreSQL (which refuses it) and on SQLite (which
would keep it). So every text of the clean change is held to the rule of the column it
fills, read from the model, before anything is queued or written, whichever surface sent
it. The API refuses such values earlier (``directory.graphql.hygiene``); this is the rule
the services themselves keep.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from directory.authorities.models import (
    Authority,
    AuthorityContact,
    AuthorityName,
    ChannelRule,
    Designation,
    LanguageRule,
    OfficeHours,
)
from directory.authorities.requirements import Requirement
from directory.editing import inputs as i
from directory.editing import validation as v
from directory.editing.fact_checks import SourceInput
from directory.hygiene import GENERAL, problem, rule_of
from directory.treaties.models import Source

# Each input dataclass and the model its fields are stored in, by field name (a code field
# fills the ``…_code`` column: ``subject`` → ``subject_code``).
MODEL_OF: dict[type, type] = {
    i.CreateAuthority: Authority,
    i.UpdateAuthority: Authority,
    i.NameInput: AuthorityName,
    i.ContactInput: AuthorityContact,
    i.OfficeHoursInput: OfficeHours,
    i.DesignationFields: Designation,
    i.ChannelRuleFields: ChannelRule,
    i.LanguageRuleFields: LanguageRule,
    i.RequirementFields: Requirement,
    SourceInput: Source,
}


def check(change: Any, model_of: Mapping[type, type] = MODEL_OF) -> None:
    """Raise InputErrors naming every text of the ``change`` dataclass (and of the ones it
    holds) that its column cannot keep; ``model_of`` maps each dataclass to its model."""
    p = v.Problems()
    _walk(p, change, [], model_of)
    p.raise_if_any()


def _walk(p: v.Problems, item: Any, path: list[str | int], model_of: Mapping[type, Any]) -> None:
    model = model_of.get(type(item))
    columns = model.__table__.c if model is not None else None
    for field in dataclasses.fields(item):
        value = getattr(item, field.name)
        here = [*path, field.name]
        if dataclasses.is_dataclass(value):
            _walk(p, value, here, model_of)
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if dataclasses.is_dataclass(element):
                    _walk(p, element, [*here, index], model_of)
        elif isinstance(value, str):
            column = None
            if columns is not None:
                column = columns.get(field.name, columns.get(f"{field.name}_code"))
            rule = rule_of(column) if column is not None else GENERAL
            message = problem(value, rule, str(v.graphql_name(field.name)))
            if message is not None:
                p.add(here, value, message)
