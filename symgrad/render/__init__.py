"""Renderers: each reads the same step tree and prints it in one format."""

from __future__ import annotations

RULE_NAMES = {
    "constant": "constant rule",
    "variable": "variable rule",
    "sum": "sum rule",
    "constant multiple": "constant multiple rule",
    "power": "power rule",
    "product": "product rule",
    "quotient": "quotient rule",
    "chain": "chain rule",
    "unknown": "no rule: computed by SymPy",
}


def rule_name(step) -> str:
    """How a step's rule is named in a document: "chain rule", "d/du exp(u) = exp(u)", …

    >>> from symgrad.rules import diff_steps
    >>> from symgrad.parsing import parse, symbol
    >>> rule_name(diff_steps(parse("sin(x**2)"), symbol("x")))
    'chain rule'
    """
    return RULE_NAMES.get(step.rule, f"{step.rule} rule")
