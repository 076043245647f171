"""Conditions on the legal basis, evaluated against the pair's treaties (pure functions).

A designation, a channel or language rule, or a requirement may say when it applies:

- ``WHEN_IN_FORCE`` instrument X: when X binds both States (a rule with an instrument and no
  condition reads this way);
- ``UNLESS_IN_FORCE`` X: unless X binds both ("unless the governing treaty gives that role
  to …");
- ``NO_TREATY``: when no treaty binds both ("in the absence of a treaty").

Each evaluates to YES, NO or UNKNOWN: the directory never reads a missing participation row
as "not a party", so "X binds both" is unknown when a side's row is missing, and "no treaty
binds both" is unknown while a treaty one side joined has no row for the other. ``Verdict``
carries the reason in words, shown with the fact it decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from directory.enums import BasisCondition
from directory.routing.legal import Binding
from directory.treaties.models import Instrument


class Truth(Enum):
    YES = "YES"
    NO = "NO"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class Pair:
    """What the conditions are evaluated against: the instruments seen, those in force for
    both sides today, and each side's binding dates (absent = no row: unknown)."""

    requesting: str
    requested: str
    instruments: dict[int, Instrument]
    in_force: set[int]
    ours: dict[int, Binding]
    theirs: dict[int, Binding]
    today: dt.date

    def why_not(self, instrument_id: int) -> str:
        """Why an instrument is not a legal basis between the two, side by side."""
        instrument = self.instruments.get(instrument_id)
        title = instrument.short_title if instrument else f"instrument #{instrument_id}"
        parts = []
        for code, dates in ((self.requesting, self.ours), (self.requested, self.theirs)):
            if instrument_id not in dates:
                parts.append(f"{code}'s participation is not recorded")
                continue
            binding = dates[instrument_id]
            if not binding.party:
                parts.append(f"{code} has not consented to be bound")
            elif binding.since is not None and binding.since > self.today:
                parts.append(f"it binds {code} only from {binding.since.isoformat()}")
        return f"{title} is not in force between {self.requesting} and {self.requested}" + (
            f" ({'; '.join(parts)})" if parts else ""
        )

    def binds_both(self, instrument_id: int) -> Truth:
        if instrument_id in self.in_force:
            return Truth.YES
        sides = (self.ours, self.theirs)
        if any(instrument_id in dates and not self._binds(dates[instrument_id]) for dates in sides):
            return Truth.NO
        if any(instrument_id not in dates for dates in sides):
            return Truth.UNKNOWN
        return Truth.NO

    def _binds(self, binding: Binding) -> bool:
        return binding.binds_on(self.today)

    def unknown_treaties(self) -> list[int]:
        """Treaties one side joined whose binding of the pair is unknown."""
        joined = set(self.ours) | set(self.theirs)
        return sorted(i for i in joined if self.binds_both(i) == Truth.UNKNOWN)


@dataclass(frozen=True)
class Verdict:
    truth: Truth
    reason: str | None  # None: the fact carries no condition


NO_CONDITION = Verdict(Truth.YES, None)


def evaluate(condition: BasisCondition | None, instrument_id: int | None, pair: Pair) -> Verdict:
    """Whether a fact with this condition applies to the pair, and why."""
    if condition is None and instrument_id is None:
        return NO_CONDITION
    if condition == BasisCondition.NO_TREATY:
        return _no_treaty(pair)
    assert instrument_id is not None  # the check constraint: WHEN/UNLESS name an instrument
    title = (
        pair.instruments[instrument_id].short_title
        if instrument_id in pair.instruments
        else (f"instrument #{instrument_id}")
    )
    truth = pair.binds_both(instrument_id)
    if condition == BasisCondition.UNLESS_IN_FORCE:
        if truth == Truth.YES:
            return Verdict(Truth.NO, f"it applies unless {title} binds both States, and it does")
        if truth == Truth.NO:
            return Verdict(
                Truth.YES,
                f"it applies unless {title} binds both States: {pair.why_not(instrument_id)}",
            )
        return Verdict(
            Truth.UNKNOWN,
            f"it applies unless {title} binds both States, which the directory cannot tell: "
            f"{pair.why_not(instrument_id)}",
        )
    if truth == Truth.YES:
        return Verdict(Truth.YES, f"it applies when {title} binds both States, and it does")
    if truth == Truth.NO:
        return Verdict(
            Truth.NO, f"it applies when {title} binds both States: {pair.why_not(instrument_id)}"
        )
    return Verdict(
        Truth.UNKNOWN,
        f"it applies when {title} binds both States, which the directory cannot tell: "
        f"{pair.why_not(instrument_id)}",
    )


def _no_treaty(pair: Pair) -> Verdict:
    if pair.in_force:
        titles = ", ".join(
            sorted(pair.instruments[i].short_title for i in pair.in_force if i in pair.instruments)
        )
        return Verdict(Truth.NO, f"it applies when no treaty binds both States, and {titles} does")
    unknown = pair.unknown_treaties()
    if unknown:
        said = "; ".join(pair.why_not(i) for i in unknown)
        return Verdict(
            Truth.UNKNOWN,
            f"it applies when no treaty binds both States, which the directory cannot tell: {said}",
        )
    return Verdict(
        Truth.YES,
        "it applies when no treaty binds both States, and the directory records none in force "
        "between them (a bilateral treaty it does not hold may still apply)",
    )
