"""The scalar derivation: every ∂ℓ/∂p of a loss (or every partial derivative of a formula),
each parameter's gradient expanded in full from one step tree.

:func:`derive_scalar` is what :func:`symgrad.calculus.derive.derive` runs for a formula, for a
model that is not a weighted sum, and for the parameters asked for by name (``wrt=``); the
weighted-sum models get the index form (:mod:`symgrad.calculus.index_form`) instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy

from ..errors import said
from ..losses import Loss
from ..model import as_expr, by_name
from ..parsing.core import cheap_to_read, symbols
from ..runtime.budget import describe, within_budget
from ..views import Explainable
from .network_path import along_path, path_outputs
from .rules import Step, caveats, diff_steps


@dataclass(frozen=True)
class Derivation(Explainable):
    """The gradient of ``function`` with respect to ``wrt``, with the steps that produced it.

    For a loss, ``function`` is the per-sample term ℓ and each gradient is assembled by the
    chain rule ∂ℓ/∂p = Σₖ ∂ℓ/∂fₖ · ∂fₖ/∂p: ``outer[f]`` is the step tree of ∂ℓ/∂f (shared by
    every parameter) and ``steps[p]`` the tree(s) of ∂f/∂p.  For a plain formula, ``steps[p]``
    is the tree of ∂function/∂p.  ``gradient[p]`` is always computed from those trees.

    >>> from symgrad import Model, mse, derive
    >>> d = derive(mse(Model("w*x + b", inputs="x")))
    >>> d.gradient
    {b: b + w*x - y, w: x*(b + w*x - y)}
    """

    function: sympy.Expr
    wrt: tuple[sympy.Symbol, ...]
    gradient: dict[sympy.Symbol, sympy.Expr]
    steps: dict[sympy.Symbol, tuple[Step, ...]]
    loss: Loss | None = None
    outer: dict[sympy.Symbol, Step] = field(default_factory=dict)

    @property
    def caveats(self) -> tuple[str, ...]:
        """Where a derivative does not exist (|u| at 0, relu at 0, …), collected from the steps.

        >>> from symgrad import Model, mae, derive
        >>> derive(mae(Model("w*x", inputs="x"))).caveats
        ('not differentiable where f − y = 0',)
        """
        trees = [*self.outer.values(), *(s for ss in self.steps.values() for s in ss)]
        return tuple(dict.fromkeys(c for t in trees for c in caveats(t)))


def derive_scalar(loss_or_expr, wrt=None, *, timeout=None) -> Derivation:
    """Every ∂ℓ/∂p (or ∂f/∂p) of ``wrt`` expanded in full, under the budget ``timeout``.

    >>> derive_scalar("x*y", wrt="x").gradient
    {x: y}
    """
    if isinstance(loss_or_expr, Loss):
        _refuse_wide_network(loss_or_expr, wrt)  # before anything builds its scalar expression
        if along_path(loss_or_expr.model.network, wrt):  # never the whole scalar pass
            loss = loss_or_expr
            return within_budget(_derive, loss, wrt, budget=timeout,
                                 what=describe("deriving", f"{loss.name}({loss.model!r})"))
    elif isinstance(loss_or_expr, str) and not cheap_to_read(loss_or_expr):
        # Reading is part of the work: LaTeX or long text is read within the same budget.
        return within_budget(_derive, loss_or_expr, wrt, budget=timeout,
                             what=describe("deriving", loss_or_expr))
    subject = loss_or_expr if isinstance(loss_or_expr, Loss) else as_expr(loss_or_expr)
    shown = subject.sample if isinstance(subject, Loss) else subject
    if timeout is None and _small_enough(shown):
        return _derive(subject, wrt)  # a fork would cost more than the work (see budget.py)
    return within_budget(_derive, subject, wrt, budget=timeout, what=describe("deriving", shown))


#: An expression within all of these is derived directly, without the budget's fork: its rule
#: steps are linear in its size and tidying it is bounded (few symbols, low degree, small numbers).
DIRECT_NODES, DIRECT_SYMBOLS, DIRECT_BITS, DIRECT_POWER = 60, 6, 32, 12


def _small_enough(expr) -> bool:
    """Whether deriving ``expr`` is certainly cheap (see the DIRECT_* bounds)."""
    if not isinstance(expr, sympy.Expr) or not _within(expr, DIRECT_NODES):
        return False
    if len(expr.free_symbols) > DIRECT_SYMBOLS:
        return False
    if any(max(abs(r.p), r.q).bit_length() > DIRECT_BITS for r in expr.atoms(sympy.Rational)):
        return False
    return all(not p.exp.is_Number or abs(p.exp) <= DIRECT_POWER for p in expr.atoms(sympy.Pow))


def _derive(loss_or_expr, wrt=None) -> Derivation:
    if isinstance(loss_or_expr, Loss):
        return derive_loss(loss_or_expr, wrt)
    expr = as_expr(loss_or_expr)
    if not isinstance(expr, sympy.Expr):
        raise TypeError(said('err.derive.derive-takes-loss-or'))
    wrt = by_name(expr.free_symbols) if wrt is None else symbols(wrt)
    if not wrt:
        raise ValueError(said('err.derive.has-no-symbols-differentiate', expr))
    steps = {p: (diff_steps(expr, p),) for p in wrt}
    gradient = {p: tidy(s[0].result) for p, s in steps.items()}
    return Derivation(expr, tuple(wrt), gradient, steps)


#: The scalar view of a network with more parameters than this is refused: use backprop.
SCALAR_LIMIT = 200


def _refuse_wide_network(loss: Loss, wrt) -> None:
    network = loss.model.network
    if network is not None and wrt is None and len(loss.params) > SCALAR_LIMIT:
        raise ValueError(
            said('err.derive.this-network-has-parameters', len(loss.params), SCALAR_LIMIT)
        )


def derive_loss(loss: Loss, wrt) -> Derivation:
    """∂ℓ/∂p for each of ``wrt`` (default: every parameter) in full, without a budget (a wide
    network's along the parameters' paths).

    >>> from symgrad import Model, mse
    >>> derive_loss(mse(Model("w*x", inputs="x")), None).gradient
    {w: x*(w*x - y)}
    """
    _refuse_wide_network(loss, wrt)
    path = along_path(loss.model.network, wrt)
    wrt = loss.params if wrt is None else asked(loss, wrt)
    # A wide network: only the units on the parameters' paths are expanded (see network_path).
    shown = path_outputs(loss.model.network, wrt) if path else loss.model.output_exprs
    outputs = dict(zip(loss.predictions, shown))
    outer = {f: diff_steps(loss.template, f) for f in loss.predictions}
    # ∂ℓ/∂f in the model's terms is the same for every parameter: substitute once.
    chained = [outer[f].result.xreplace(outputs) for f in loss.predictions]
    # A gradient holds its ∂ℓ/∂f factors whole: when each is past tidy's size limit, so is
    # every nonzero gradient, and tidy would count 2·TIDY_LIMIT nodes of each for nothing.
    large = all(not _within(c, 2 * TIDY_LIMIT) for c in chained)
    tidied = (lambda e: e) if large else tidy
    steps, gradient = {}, {}
    for p in wrt:
        inner = tuple(diff_steps(outputs[f], p) for f in loss.predictions)
        steps[p] = inner
        gradient[p] = tidied(sympy.Add(*[c * s.result for c, s in zip(chained, inner)]))
    function = loss.template.xreplace(outputs) if path else loss.sample
    return Derivation(function, tuple(wrt), gradient, steps, loss, outer)


def asked(loss: Loss, wrt) -> tuple[sympy.Symbol, ...]:
    """The parameters named in ``wrt`` (a name or a list), each one of the loss's: else a
    one-line ValueError that lists them.

    >>> from symgrad import Model, mse
    >>> asked(mse(Model("w*x + b", inputs="x")), "w")
    (w,)
    """
    wrt = tuple(symbols(wrt))
    network = loss.model.network
    # A network's parameters from their names: its W matrices (23,860 entries for 784-30-10)
    # cost a second to build.
    names = ([n for d in network.dense for n in (*d.weight_names(), *d.bias_names())]
             if network is not None else [p.name for p in loss.params])
    known = ({sympy.Symbol(n, real=True) for n in names} if network is not None
             else set(loss.params))
    unknown = [p for p in wrt if p not in known]
    if unknown:
        if len(names) > SCALAR_LIMIT:  # the first and the last, not 23,860 names in one line
            names = [*names[:3], "…", names[-1]]
        raise ValueError(
            said('err.loss.not-parameter-model-its', ', '.join(map(str, unknown)),
                 ', '.join(names))
        )
    return wrt


#: Above this many operations a gradient is left as the steps produced it (tidying costs time).
TIDY_LIMIT = 400
#: Factoring a polynomial in many variables costs seconds (dense polynomial arithmetic grows
#: with each variable): above this many symbols and function applications a gradient is
#: left as the steps produced it, which for a sum is already the textbook form x·(f − y).
TIDY_GENERATORS = 8


def tidy(expr: sympy.Expr) -> sympy.Expr:
    """The simpler of ``expr`` and its factored form, functions held fixed while factoring.

    Each function application (σ(u), exp(u), |u| …) is treated as one symbol, so the loss's
    chain factors cancel as a textbook cancels them: bce with a sigmoid gives x·(σ − y).

    >>> from symgrad import parse
    >>> s = "sigmoid(w*x)"
    >>> tidy(parse(f"x*(1 - {s})*(-y/{s} - (y - 1)/(1 - {s}))*{s}"))
    x*(-y + sigmoid(w*x))
    """
    if not _within(expr, 2 * TIDY_LIMIT):
        return expr
    applied = sorted(expr.atoms(sympy.Function), key=sympy.default_sort_key)
    if len(expr.free_symbols) + len(applied) > TIDY_GENERATORS or _huge_numbers(expr):
        return _fold_sign(expr)
    if sympy.count_ops(expr) > TIDY_LIMIT:
        return expr
    mask = {f: sympy.Dummy() for f in applied}
    factored = sympy.factor(sympy.cancel(expr.xreplace(mask)))
    candidate = _fold_sign(factored.xreplace({v: k for k, v in mask.items()}))
    original = _fold_sign(expr)
    # Keep the steps' form (4x + 4y, as a textbook writes it) unless factoring really shortens it.
    if sympy.count_ops(candidate) < sympy.count_ops(original) - 1:
        return candidate
    return original


#: Factoring searches primes as large as the coefficients: numbers past this many bits stay.
TIDY_BITS = 256


#: Factoring first expands: a sum raised to a power above this stays as written.
TIDY_POWER = 8


def _huge_numbers(expr: sympy.Expr) -> bool:
    """Whether a number in ``expr`` (or under a root) has more than TIDY_BITS bits, or a sum
    is raised to a power above TIDY_POWER (expanding (x + y + z + w + 1)³⁹ has 123,410 terms).
    """
    if any(max(abs(r.p), r.q).bit_length() > TIDY_BITS for r in expr.atoms(sympy.Rational)):
        return True
    return any(p.base.is_Add and p.exp.is_Number and abs(p.exp) > TIDY_POWER
               for p in expr.atoms(sympy.Pow))


def _within(expr: sympy.Expr, nodes: int) -> bool:
    """Whether ``expr`` has at most ``nodes`` nodes (stops counting as soon as it has more)."""
    stack, count = [expr], 0
    while stack:
        count += 1
        if count > nodes:
            return False
        stack.extend(stack.pop().args)
    return True


def _fold_sign(expr: sympy.Expr) -> sympy.Expr:
    # −x·(y − σ) reads better as x·(σ − y): move a leading minus into a sum factor.
    if expr.is_Mul and expr.args[0] == -1:
        sums = [a for a in expr.args if a.is_Add]
        if sums:
            return expr.xreplace({sums[0]: -sums[0]}) * -1
    return expr
