"""Whether a rule is in force for a contract: the first step of every backend's verdict.

A rule applies to contracts whose reference date (see :mod:`cls_check.engine.context`) is
on or after its ``en vigueur`` date. The earliest such date of a rule set is the creation
of the contracts themselves: a contract of unknown date is subject to the rules in force
since then, and only the later ones (the 1999 circular) are unknown for it.
"""

from __future__ import annotations

import datetime
from typing import Literal

from cls_check.ir import nodes as ir

InForce = Literal["in_force", "not_yet", "undated"]


def origin(ruleset: ir.RuleSetIR) -> datetime.date | None:
    """The earliest date any rule of the set applies from."""
    dates = [r.in_force_from for r in ruleset.rules if r.in_force_from is not None]
    return min(dates) if dates else None


def in_force(
    rule: ir.Rule, reference: datetime.date | None, since: datetime.date | None
) -> InForce:
    """``not_yet``: the contract predates the rule; ``undated``: it cannot be told."""
    start = rule.in_force_from
    if start is None:
        return "in_force"
    if reference is None:
        return "undated" if since is not None and start > since else "in_force"
    return "not_yet" if reference < start else "in_force"
