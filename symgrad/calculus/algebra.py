"""Algebra as steps: from the chain-rule product ∂ℓ/∂f · ∂f/∂p to the gradient symgrad prints.

:func:`gradient_algebra` rewrites the product a derivation's step trees give into
``derivation.gradient[p]`` by short named steps, the way a teacher does it on the board:
substitute f = σ(z), use σ′ = σ(1 − σ), combine over a common denominator, cancel, expand.
Every step is an equality that SymPy confirms when it is built (:func:`confirm_equal`); where no
named route is found, one honest "simplify" step stands in its place.  Names introduced on
the way (z, p₁, …) are stated in the ``detail`` of the step that introduces them.

This module computes; the renderers in ``symgrad.render`` print the steps.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy import Add, Derivative, Expr, Mul, Symbol
from sympy.core.parameters import evaluate

from ..errors import TooExpensive, said
from ..functions import relu, sigmoid
from ..nn import Softmax
from ..parsing.core import symbol
from ..runtime.budget import within_budget
from .rules import ChainRule, diff_steps
from .scalar import TIDY_LIMIT, Derivation, tidy

__all__ = ["AlgebraStep", "confirm_equal", "gradient_algebra"]


@dataclass(frozen=True)
class AlgebraStep:
    """One rewriting ``before = after``, justified by ``rule``.

    ``rule`` is a key a renderer can translate: "substitute", "sigmoid derivative",
    "softmax derivative", "common denominator", "cancel", "expand", "collect", "factor",
    "one-hot labels", "rearrange" (the same terms written another way), "simplify", and
    "rewrite" (to a longer form: derive leaves a long gradient untidied).
    ``detail`` holds pairs (name or pattern, what it stands for), e.g.
    ``((f, sigmoid(z)), (z, b + w*x))`` for "substitute" (the names in force from there on);
    for "one-hot labels" the equality holds given ``detail`` (Σₖ yₖ = 1), and only then.

    >>> from sympy import symbols
    >>> x, y = symbols("x y")
    >>> AlgebraStep(x * (x + y), x**2 + x * y, "expand")
    AlgebraStep(before=x*(x + y), after=x**2 + x*y, rule='expand', detail=())
    """

    before: Expr
    after: Expr
    rule: str
    detail: tuple = ()


def gradient_algebra(derivation: Derivation, p) -> tuple[AlgebraStep, ...]:
    """The named steps from the chain-rule product for ∂ℓ/∂p to ``derivation.gradient[p]``.

    The first step's ``before`` is the product ∂ℓ/∂f · ∂f/∂p as the rules give it (with
    σ′(z) left unevaluated where the model is an activation of z); the last ``after`` is the
    gradient symgrad prints, except after a softmax with cross-entropy, where the last step
    uses one-hot labels (Σₖ yₖ = 1) to reach p − y.

    >>> from symgrad import Model, bce, derive
    >>> d = derive(bce(Model("sigmoid(w*x + b)", inputs="x")))
    >>> steps = gradient_algebra(d, "w")
    >>> [s.rule for s in steps]
    ['substitute', 'sigmoid derivative', 'common denominator', 'cancel', 'expand', 'substitute']
    >>> steps[-1].after == d.gradient[symbol("w")]
    True
    """
    p = symbol(p) if isinstance(p, str) else p
    if hasattr(derivation, "per_parameter") and p in derivation.gradient:
        derivation = derivation.per_parameter(p)  # an index form: this one parameter in full
    if p not in derivation.gradient:
        raise ValueError(said('err.algebra.not-one-derivation-s',
                              p, ', '.join(map(str, derivation.wrt))))
    loss = derivation.loss
    if loss is None:
        start = derivation.steps[p][0].result
        return _finish(start, derivation.gradient[p], [], {})
    network = loss.model.network
    if (network is not None and isinstance(network.stages[-1][1], Softmax)
            and loss.name == "cross_entropy"):
        return _softmax_cross_entropy(derivation, p)
    if len(loss.predictions) == 1:
        return _one_output(derivation, p)
    start = Add(*[_outer(derivation, f) * s.result
                  for f, s in zip(loss.predictions, derivation.steps[p])])
    outputs = dict(zip(loss.predictions, loss.model.output_exprs))
    return _substituted(start, outputs, derivation.gradient[p])


def _substituted(start: Expr, outputs: dict, gradient: Expr) -> tuple[AlgebraStep, ...]:
    """Put the model's outputs in for f₁ … fₖ, then tidy up and close at the gradient."""
    steps = _Steps(start, outputs)
    try:
        used = tuple((f, v) for f, v in outputs.items() if f in start.free_symbols)
        steps.add(start.xreplace(outputs), "substitute", used)
        _tidy_up(steps)
        return _finish(start, gradient, steps.steps, {})
    except _NoRoute:
        return _fallback(start, gradient, outputs)


def _outer(derivation: Derivation, f: Symbol) -> Expr:
    return derivation.outer[f].result


class _Steps:
    """Steps under construction; each is confirmed before it is kept."""

    def __init__(self, start: Expr, names: dict):
        self.current, self.names, self.steps = start, names, []

    def add(self, after: Expr, rule: str, detail: tuple = ()) -> bool:
        if after == self.current:
            return False
        try:
            confirmed = confirm_equal(self.current, after, self.names)
        except TooExpensive:
            confirmed = False
        if not confirmed:
            raise _NoRoute(rule)
        self.steps.append(AlgebraStep(self.current, after, rule, detail))
        self.current = after
        return True


class _NoRoute(Exception):
    """A named rewriting SymPy could not confirm: the caller falls back to "simplify"."""


def _finish(start: Expr, gradient: Expr, steps: list, names: dict) -> tuple[AlgebraStep, ...]:
    """Close the route at ``gradient`` with a "factor" or "simplify" step if it is not there."""
    current = steps[-1].after if steps else start
    if current != gradient:
        if tidy(current) == gradient:
            rule = "factor"
        elif _small(current) and _small(gradient) and _expand(current) == _expand(gradient):
            rule = "rearrange"  # the same terms, signs or factors written another way
        elif sympy.count_ops(gradient) > sympy.count_ops(current):
            rule = "rewrite"  # back to the longer form derive left untidied: no claim it is simpler
        else:
            rule = "simplify"
        if not confirm_equal(current, gradient, names):
            raise ArithmeticError(said('err.algebra.steps-do-not-reach', current, gradient))
        steps = [*steps, AlgebraStep(current, gradient, rule)]
    return tuple(steps)


def _fallback(start: Expr, gradient: Expr, names: dict) -> tuple[AlgebraStep, ...]:
    if not confirm_equal(start, gradient, names):
        raise ArithmeticError(said('err.algebra.chain-product-not-gradient', start, gradient))
    return (AlgebraStep(start, gradient, "simplify"),)


def _fresh(taken: set, letters: str, count: int = 0) -> list[Symbol]:
    """New names: the first of ``letters`` free in ``taken`` (L, or L1 … L<count>)."""
    names = {s.name for s in taken}
    for letter in letters:
        wanted = [letter] if count == 0 else [f"{letter}{j}" for j in range(1, count + 1)]
        if not names & set(wanted):
            fresh = [symbol(n) for n in wanted]
            taken.update(fresh)
            return fresh
    raise ValueError(said('err.algebra.every-name-form-taken', letters))


def _one_output(derivation: Derivation, p: Symbol) -> tuple[AlgebraStep, ...]:
    loss = derivation.loss
    f = loss.predictions[0]
    output = loss.model.output_exprs[0]
    outer = _outer(derivation, f)
    inner = derivation.steps[p][0]
    gradient = derivation.gradient[p]
    # f = φ(u) for an activation φ: by the chain rule (u an expression) or directly (u = p).
    if isinstance(inner, ChainRule) and inner.outer.rule in _ACTIVATIONS:
        local, u, du = inner.outer, inner.inner.expr, inner.inner.result
    elif inner.rule in _ACTIVATIONS:
        local, u, du = inner, p, sympy.S.One
    else:
        local = None
    if local is None or inner.expr != output:
        return _substituted(outer * inner.result, {f: output}, gradient)
    # Name u z (unless it is one symbol already), and keep φ′(z) unevaluated.
    taken = derivation.function.free_symbols | set(loss.targets) | {f}  # a new set
    z = u if isinstance(u, Symbol) else _fresh(taken, "zuvst")[0]
    phi = _ACTIVATIONS[local.rule](z)
    names = {f: phi, z: u} if z != u else {f: phi}
    start = outer * Derivative(phi, z) * du
    steps = _Steps(start, names)
    try:
        defined = ((f, phi), (z, u)) if z != u else ((f, phi),)
        steps.add(start.xreplace({f: phi}), "substitute", defined)
        derivative = local.result.xreplace({local.wrt: z})
        steps.add(steps.current.xreplace({Derivative(phi, z): derivative}),
                  f"{local.rule} derivative", ((Derivative(phi, z), derivative),))
        _tidy_up(steps)
        if z != u:
            steps.add(steps.current.xreplace({z: u}), "substitute", ((z, u),))
        return _finish(start, gradient, steps.steps, names)
    except _NoRoute:
        return _fallback(start, gradient, names)


#: Activations whose derivative gets its own named step (rule name → the function).
_ACTIVATIONS = {"sigmoid": sigmoid, "tanh": sympy.tanh, "relu": relu}


def _tidy_up(steps: _Steps) -> None:
    """Common denominator, cancel, expand: each only where it changes something."""
    e = steps.current
    fractions = [a for a in Mul.make_args(e) if a.is_Add and _has_denominator(a)]
    if fractions:
        others = [a for a in Mul.make_args(e) if a not in fractions]
        together = [sympy.together(a) for a in fractions]
        with evaluate(False):
            combined = Mul(*together, *others)
        steps.add(combined, "common denominator")
        steps.add(Mul(*together, *others), "cancel")
    # Expand the sums that get shorter by it (−y(1 − σ) − (y − 1)σ = σ − y), no others.
    factors = Mul.make_args(steps.current)
    shorter = {a: _expand(a) for a in factors if a.is_Add and _small(a)}
    shorter = {a: e for a, e in shorter.items() if sympy.count_ops(e) < sympy.count_ops(a)}
    if shorter:
        steps.add(Mul(*[shorter.get(a, a) for a in factors]), "expand")


def _small(e: Expr) -> bool:
    """Small enough to expand or factor in passing (the limit derive's tidy uses)."""
    return sympy.count_ops(e) <= TIDY_LIMIT


def _evaluated(e: Expr) -> Expr:
    """``e`` rebuilt with SymPy's evaluation on: pₖ/pₖ cancels, nothing is expanded."""
    if not e.args:
        return e
    return e.func(*[_evaluated(a) for a in e.args])


def _has_denominator(e: Expr) -> bool:
    return any(sympy.fraction(t, exact=True)[1] != 1 for t in Add.make_args(e))


def _expand(e: Expr) -> Expr:
    """Expand with every function application held as one symbol (σ(b + w·x) stays whole)."""
    mask = {a: sympy.Dummy() for a in e.atoms(sympy.Function)}
    return sympy.expand(e.xreplace(mask)).xreplace({v: k for k, v in mask.items()})


def _softmax_cross_entropy(derivation: Derivation, p: Symbol) -> tuple[AlgebraStep, ...]:
    """Σⱼ ∂zⱼ/∂p · Σₖ (−yₖ/pₖ) · ∂pₖ/∂zⱼ  →  Σⱼ (pⱼ − yⱼ) ∂zⱼ/∂p."""
    loss = derivation.loss
    network = loss.model.network
    dense = network.stages[-1][0]
    k = dense.n_out
    # z of the last layer in the previous layer's outputs, as the scalar view builds them.
    a = sympy.Matrix(network.inputs)
    for stage_dense, act in network.stages[:-1]:
        a = act.apply(stage_dense.apply(a))
    zs_expr = list(dense.apply(a))
    taken = derivation.function.free_symbols | set(loss.targets) | set(loss.predictions)
    z = _fresh(taken, "zuvst", k)
    ps = _fresh(taken, "pqrah", k)
    total = Add(*[sympy.exp(v) for v in z])
    soft = {pj: sympy.exp(zj) / total for pj, zj in zip(ps, z)}
    names = {**dict(zip(loss.predictions, ps)), **soft, **dict(zip(z, zs_expr))}
    dz = [diff_steps(e, p).result for e in zs_expr]
    ys = loss.targets
    # ∂ℓ/∂p = Σⱼ ∂zⱼ/∂p · ∂ℓ/∂zⱼ with ∂ℓ/∂zⱼ = Σₖ ∂ℓ/∂fₖ · ∂pₖ/∂zⱼ: grouped by j, so that
    # each ∂ℓ/∂fₖ meets its own ∂pₖ/∂zⱼ in one product and pₖ cancels there.
    start = Add(*[dz[j] * Add(*[_outer(derivation, fk) * Derivative(pk, z[j])
                                for fk, pk in zip(loss.predictions, ps)])
                  for j in range(k) if dz[j] != 0])
    steps = _Steps(start, names)
    gradient = derivation.gradient[p]
    try:
        steps.add(start.xreplace(dict(zip(loss.predictions, ps))), "substitute",
                  tuple((fk, pk) for fk, pk in zip(loss.predictions, ps))
                  + tuple(soft.items()) + tuple(zip(z, zs_expr)))
        jac = {Derivative(ps[i], z[j]): ps[i] * ((1 if i == j else 0) - ps[j])
               for i in range(k) for j in range(k)}
        with evaluate(False):
            used = steps.current.xreplace(jac)
        steps.add(used, "softmax derivative",
                  tuple((d, v) for d, v in jac.items() if d in start.atoms(Derivative)))
        steps.add(_evaluated(used), "cancel")
        grouped = Add(*[dz[j] * (ps[j] * Add(*ys) - ys[j]) for j in range(k) if dz[j] != 0])
        steps.add(grouped, "collect")
        if not confirm_equal(grouped, gradient, names):
            raise _NoRoute("collect")
        one_hot = Add(*[dz[j] * (ps[j] - ys[j]) for j in range(k) if dz[j] != 0])
        if not confirm_equal(grouped.xreplace({ys[-1]: 1 - Add(*ys[:-1])}),
                       one_hot.xreplace({ys[-1]: 1 - Add(*ys[:-1])}), names):
            raise _NoRoute("one-hot labels")
        steps.steps.append(AlgebraStep(grouped, one_hot, "one-hot labels", ((Add(*ys), 1),)))
        return tuple(steps.steps)
    except _NoRoute:
        return _fallback(start, gradient, names)


def confirm_equal(before: Expr, after: Expr, names: dict | None = None, budget=None) -> bool:
    """Whether SymPy confirms ``before = after``, the ``names`` replaced by what they stand for.

    Derivatives written out (σ′(z) as ``Derivative(sigmoid(z), z)``) are evaluated first.
    Names whose definitions use no other name (z = b + w·x) are first kept as free symbols:
    an identity in free z holds for every z, so also for z = b + w·x.  The difference must
    cancel to 0 with each function application held as one symbol, or else simplify to 0
    within ``budget`` (:class:`symgrad.errors.TooExpensive` past it).

    >>> from symgrad import sigmoid
    >>> z, x = sympy.symbols("z x", real=True)
    >>> confirm_equal(Derivative(sigmoid(z), z), sigmoid(z) * (1 - sigmoid(z)))
    True
    >>> confirm_equal(x * z, x**2 + x, {z: 1 + x}), confirm_equal(x * z, x, {z: 1 + x})
    (True, False)
    """
    names = names or {}
    leaves = {k for k, v in names.items() if not v.free_symbols & names.keys()}
    levels = [{k: v for k, v in names.items() if k not in leaves}, names] if leaves else [names]
    for level in levels:
        difference = _unfold(before, level) - _unfold(after, level)
        if _cancels(difference):
            return True
    return within_budget(_simplifies_to_zero, difference, budget=budget,
                         what="confirming a step of the algebra")


def _simplifies_to_zero(e: Expr) -> bool:
    return sympy.simplify(e.rewrite(sympy.exp)) == 0


def _unfold(e: Expr, names: dict) -> Expr:
    # Names first where a derivative is taken by them is fine: Derivative(p1, z1) becomes
    # Derivative(e^{z1}/Σ, z1); a name that is a derivative's variable is kept until doit().
    variables = {v for d in e.atoms(Derivative) for v in d.variables}
    outer = {k: v for k, v in names.items() if k not in variables}
    for _ in range(len(names) + 1):
        e2 = e.xreplace(outer)
        if e2 == e:
            break
        e = e2
    e = e.doit()
    for _ in range(len(names) + 1):
        e2 = e.xreplace(names)
        if e2 == e:
            break
        e = e2
    return e


def _cancels(e: Expr) -> bool:
    return sympy.cancel(_as_rational(e)) == 0


def _as_rational(e: Expr) -> Expr:
    """``e`` as a rational function of new symbols: e^{c·m} → Eₘ^c (c a rational number, so
    e^{2z}, e^{−z} and e^{z} become powers of one symbol), any other function application →
    one symbol.  Both are substitutions, so a difference that cancels here is 0."""
    bases: dict = {}

    def power_of(term):
        c, m = term.as_coeff_Mul()
        if not c.is_Rational:
            c, m = sympy.S.One, term
        return bases.setdefault(m, sympy.Dummy()) ** c

    exps = {a: Mul(*[power_of(t) for t in Add.make_args(sympy.expand(a.args[0]))])
            for a in e.atoms(sympy.exp)}
    e = e.xreplace(exps)
    return e.xreplace({a: sympy.Dummy() for a in e.atoms(sympy.Function)})
