"""Checking one exact gradient-descent step θ′ = θ − α·∇(θ), and naming the classic slips.

>>> check_step("x**2", {"x": 3}, "0.1", {"x": "2.4"}).ok
True
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy
from sympy import Symbol

from ..errors import ParseError, cat, said
from ..i18n.keys import N_
from ..i18n.language import approx, assignments, formula
from ..losses import Loss
from ..parsing.core import parse, symbol
from .core import budgeted, verdict
from .equality import differ_at
from .verdict import Verdict

__all__ = ["check_step"]


def _number(value, what: str) -> sympy.Expr:
    number = parse(value, what=what)
    if number.free_symbols:
        raise ParseError(said('err.step.must-be-number-got', what, formula(number)))
    return number
def _keyed(values: Mapping, what: str) -> dict[Symbol, sympy.Expr]:
    return {symbol(k): _number(v, said("step.what-of", what, k)) for k, v in values.items()}


def _step_setup(expr_or_loss, start: Mapping):
    """(function, variables, data) — data are the fixed values (a loss's one sample)."""
    point = _keyed(start, "the starting value")
    if isinstance(expr_or_loss, Loss):
        loss = expr_or_loss
        needed = [*loss.params, *loss.model.inputs, *loss.targets]
        missing = [s.name for s in needed if s not in point]
        extra = [s.name for s in point if s not in needed]
        if missing or extra:
            which = (said("err.step.missing", ", ".join(missing)) if missing
                     else said("err.step.unknown", ", ".join(extra)))
            raise ValueError(said("err.step.start-must-give",
                                  ", ".join(s.name for s in needed), which))
        return loss.sample, list(loss.params), point
    function = parse(expr_or_loss, what="the expression")
    stray = function.free_symbols - set(point)
    if stray:
        names = ", ".join(sorted(s.name for s in stray))
        raise ValueError(said('err.step.start-gives-no-value', names))
    return function, list(point), point


def check_step(expr_or_loss, start: Mapping, lr, claimed: Mapping, *,
               timeout: float | None = None) -> Verdict:
    """Is ``claimed`` one exact gradient-descent step θ′ = θ − α·∇(θ) from ``start``?

    For a plain expression, the variables are the keys of ``start``.  For a Loss, ``start``
    holds the parameters *and* one sample's inputs and target (e.g. w, b, x, y): the step is
    on that sample's ℓ, and ``claimed`` gives the new parameters only.  Keys are names or
    Symbols; values are numbers or text ("0.1", "3/2"), read exactly.

    >>> v = check_step("x**2", {"x": 3}, "0.1", {"x": "3.6"})
    >>> v.ok, v.hint, v.expected
    (False, 'added gradient', {x: 12/5})
    """
    task = said("step.task")
    return budgeted(_check_step, expr_or_loss, start, lr, claimed, timeout=timeout, task=task,
                    claimed=dict(claimed) if isinstance(claimed, Mapping) else claimed)


def _check_step(expr_or_loss, start: Mapping, lr, claimed: Mapping) -> Verdict:
    function, variables, point = _step_setup(expr_or_loss, start)
    alpha = _number(lr, "the learning rate")
    answer = _keyed(claimed, "the claimed value")
    missing = [v.name for v in variables if v not in answer]
    extra = [k.name for k in answer if k not in variables]
    if missing or extra:
        problem = (said("err.step.no-value-for", ", ".join(missing)) if missing
                   else said("err.step.unknown", ", ".join(extra)))
        raise ValueError(said('err.step.claimed-step-must-give', _names(variables), problem))
    gradient = {v: sympy.diff(function, v) for v in variables}
    expected = {v: point[v] - alpha * gradient[v].xreplace(point) for v in variables}
    candidates = _step_slips(variables, point, alpha, gradient, expected)
    parts = {}
    for v in variables:
        task = said("step.task-variable", v)
        parts[v] = verdict(task, expected[v], answer[v],
                            extra_hint=lambda c, v=v: _step_hint(candidates, v, c))
    task = said("step.task-from", assignments(point), formula(alpha))
    return _combine_step(task, parts, expected, {v: answer[v] for v in variables})


def _names(variables) -> str:
    return ", ".join(v.name for v in variables)



#: The classic slips of one gradient-descent step → the keys of their sentences.
_STEP_HINTS = {"added gradient": N_("step.hint.added gradient"),
               "forgot lr": N_("step.hint.forgot lr"),
               "gradient at new point": N_("step.hint.gradient at new point"),
               "sequential": N_("step.hint.sequential"),
               "change only": N_("step.hint.change only"), "factor": N_("step.hint.factor")}


def _step_slips(variables, point, alpha, gradient, expected):
    """Each classic slip's value for every variable."""
    new_point = {**point, **expected}
    sequential, current = {}, dict(point)
    for v in variables:
        current[v] = current[v] - alpha * gradient[v].xreplace(current)
        sequential[v] = current[v]
    slips = {}
    for v in variables:
        g = gradient[v].xreplace(point)
        slips[v] = {
            "added gradient": point[v] + alpha * g,
            "forgot lr": point[v] - g,
            "gradient at new point": point[v] - alpha * gradient[v].xreplace(new_point),
            "sequential": sequential[v],
            "change only": -alpha * g,
            "factor": (point[v] - 2 * alpha * g, point[v] - alpha * g / 2),
        }
    return slips


def _step_hint(candidates, v, claimed):
    for name, values in candidates[v].items():
        options = values if isinstance(values, tuple) else (values,)
        for value in options:
            if differ_at(value, claimed, {}) is True:
                return name, said(_STEP_HINTS[name])
    return None, ""


def _combine_step(task, parts, expected, answer) -> Verdict:
    wrong = [v for v, p in parts.items() if p.ok is False]
    undecided = [v for v, p in parts.items() if p.ok is None]
    if wrong:
        first = parts[wrong[0]]
        message = said("step.wrong", wrong[0], approx(first.expected), approx(first.claimed))
        if first.hint:
            sentence = (said(_STEP_HINTS[first.hint]) if first.hint in _STEP_HINTS
                        else first.message)
            message = cat(message, said("check.hint", sentence))
        others = [v.name for v in wrong[1:]]
        if others:
            message = cat(message, said("step.also-wrong", ", ".join(others)))
        return Verdict(False, task, expected, answer, message, first.counterexample,
                       first.hint, parts=parts)
    if undecided:
        message = said("step.undecided", _names(undecided), parts[undecided[0]].message)
        return Verdict(None, task, expected, answer, message, parts=parts)
    return Verdict(True, task, expected, answer, said("step.right"),
                   parts=parts)


