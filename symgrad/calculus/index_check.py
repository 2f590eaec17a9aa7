"""Every generic row of an index form, instantiated at concrete indices and held to sympy.diff.

The generic formulas, instantiated at concrete indices (:mod:`symgrad.calculus.index_instance`):
:func:`check_form` compares them, for every parameter of a small model (≤
``EVERY_LIMIT``) or a random sample of ``SAMPLE`` of a wide one, with ``sympy.diff`` of the
per-sample loss ℓ:

* exactly (``confirm_equal``, the names unfolded to the inputs) when the model is one layer
  (a formula's weighted sum, a single Dense layer, not softmax) with at most ``EXACT_LIMIT``
  parameters — deeper nests of σ and tanh, and softmax's quotients of exponentials, cost SymPy
  seconds to cancel;
* at a random point otherwise, where ℓ is differentiated as a function of that one parameter,
  every other parameter, input and label given its value first — so the scalar loss of a
  784-30-10 network is never built whole, and each parameter costs one small ``diff``.

Softmax with cross-entropy holds given one-hot labels (Σₖ yₖ = 1): its labels are one-hot.
"""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import sympy

from ..functions import indicator
from ..nn import Identity, Softmax
from ..parsing import symbol
from .algebra import confirm_equal
from .index_data import J_, K_, IndexForm, Names
from .index_instance import Instance, count, param_of, position_at
from .index_penalty import penalty_derivative

__all__ = ["check_form"]

#: Every parameter is checked up to this many; above it, a random sample of SAMPLE.
EVERY_LIMIT, SAMPLE = 200, 60
#: Up to this many parameters the check is exact (SymPy confirms the equality symbolically).
EXACT_LIMIT = 24
#: Relative tolerance of the numeric check (double precision, a few hundred operations).
TOLERANCE = 1e-9


def check_form(form: IndexForm, deltas: dict, seed: int = 19, also=()) -> IndexForm:
    """``form`` with ``checked`` filled in; AssertionError when a generic row is false.

    ``also``: positions (layer, j, k) checked besides the sample (the parameters a document
    writes out at their own indices)."""
    total = count(form.shape)
    rng = random.Random(seed)
    picked = range(total) if total <= EVERY_LIMIT else rng.sample(range(total), SAMPLE)
    chosen = list(dict.fromkeys([*(position_at(form.shape, i) for i in picked), *also]))
    exact = (total <= EXACT_LIMIT and form.shape.layers == 1
             and not isinstance(form.shape.activations[0], Softmax))
    _check_numeric(form, deltas, chosen, rng)
    if form.loss.penalty is not None:
        _check_penalty(form, chosen)
    if exact:
        _check_exact(form, deltas, chosen)
    return dataclasses.replace(form, checked=tuple(param_of(form, p) for p in chosen),
                               exact=exact)


# ------------------------------------------------------------------------------ exact


def _definitions(form: IndexForm) -> dict:
    """z{l}_{j} and a{l}_{j} (a formula's z and f) in the names of the layer before."""
    loss, shape = form.loss, form.shape
    if not shape.network:
        (arg,) = [e for e in _formula_parts(form)]
        return {sympy.Symbol("z", real=True): arg,
                loss.predictions[0]: loss.model.output_exprs[0]}
    network = loss.model.network
    defs, previous = {}, sympy.Matrix(network.inputs)
    for l, (dense, act) in enumerate(network.stages, start=1):
        z = [symbol(f"z{l}_{j}") for j in range(1, dense.n_out + 1)]
        a = [symbol(f"a{l}_{j}") for j in range(1, dense.n_out + 1)]
        defs.update(zip(z, dense.apply(previous)))
        defs.update(zip(a, act.apply(sympy.Matrix(z))))
        previous = sympy.Matrix(a)
    return defs


def _formula_parts(form: IndexForm):
    out = form.loss.model.output_exprs[0]
    return [out if isinstance(form.shape.activations[0], Identity) else out.args[0]]


def _one_hot(form: IndexForm) -> dict:
    ys = form.loss.targets
    if isinstance(form.shape.activations[-1], Softmax):
        return {ys[-1]: 1 - sympy.Add(*ys[:-1])}
    return {}


def _away_from_kinks(e: sympy.Expr) -> sympy.Expr:
    """Steps written with sign(u): 1[u > 0] and H(u) are (sign(u) + 1)/2, |u| is u·sign(u), and
    sign(u)² = 1, wherever u ≠ 0: the only points where a derivative is claimed."""
    e = e.replace(lambda x: isinstance(x, (indicator, sympy.Heaviside)),
                  lambda x: (sympy.sign(x.args[0]) + 1) / 2)
    e = e.replace(lambda x: isinstance(x, sympy.Abs), lambda x: x.args[0] * sympy.sign(x.args[0]))
    # sign(u)² = 1 and 1/sign(u) = sign(u) where u ≠ 0
    return e.replace(lambda x: x.is_Pow and isinstance(x.base, sympy.sign) and x.exp.is_Integer,
                     lambda x: x.base ** (x.exp % 2))


def _check_exact(form: IndexForm, deltas: dict, positions) -> None:
    instance = Instance(form, deltas)
    defs = _definitions(form)
    hot = _one_hot(form)
    sample = form.loss.sample
    for pos in positions:
        p = param_of(form, pos)
        generic = _away_from_kinks(instance.gradient(pos)).xreplace(hot)
        oracle = _away_from_kinks(sympy.diff(sample, p)).xreplace(hot)
        if not confirm_equal(oracle, generic, defs):
            raise AssertionError(f"the index form's ∂ℓ/∂{p} = {generic} is not sympy.diff's")


# ------------------------------------------------------------------------------ numeric


class Point:
    """Random inputs, labels and parameters as arrays, and the forward pass's z and a."""

    def __init__(self, form: IndexForm, rng: random.Random):
        self.form, shape, loss = form, form.shape, form.loss
        gen = np.random.default_rng(rng.randrange(2**32))
        self.x = gen.uniform(-1, 1, shape.sizes[0])
        if isinstance(shape.activations[-1], Softmax):
            self.y = np.eye(len(loss.targets))[gen.integers(len(loss.targets))]
        else:
            self.y = gen.uniform(0.05, 0.95, len(loss.targets))
        self.W = [gen.uniform(-1, 1, (shape.sizes[l], shape.sizes[l - 1]))
                  for l in range(1, shape.layers + 1)]
        self.b = [gen.uniform(-1, 1, shape.sizes[l]) if shape.biases[l - 1]
                  else np.zeros(shape.sizes[l]) for l in range(1, shape.layers + 1)]
        self.z, self.a = [], []
        a = self.x
        for l in range(shape.layers):
            z = self.W[l] @ a + self.b[l]
            a = _activate(shape.activations[l], z)
            self.z.append(z)
            self.a.append(a)

    def value(self, kind: str, layer: int, idx: tuple) -> sympy.Float:
        """The value of a quantity: kind "W", "b", "z", "a", "x", "y"; indices 1-based."""
        i = tuple(k - 1 for k in idx)
        table = {"W": self.W, "b": self.b, "z": self.z, "a": self.a}
        if kind == "x":
            return sympy.Float(self.x[i[0]])
        if kind == "y":
            return sympy.Float(self.y[i[0]])
        return sympy.Float(table[kind][layer - 1][i])

    def constants(self, pos) -> tuple:
        """The values of the named constants of :func:`_restricted` for one parameter."""
        form = self.form
        l0, j0, k0 = pos
        L = form.shape.layers
        a = self.x if l0 == 1 else self.a[l0 - 2]
        r = j0 - 1
        if k0 is None:
            P, Q = self.W[l0 - 1][r] @ a, 1.0
        else:
            others = np.delete(np.arange(len(a)), k0 - 1)
            P, Q = self.W[l0 - 1][r, others] @ a[others] + self.b[l0 - 1][r], a[k0 - 1]
        values = [P, Q]
        if l0 == L:
            order = [r, *(i for i in range(len(self.z[-1])) if i != r)]
            values += [self.z[-1][i] for i in order[1:]] + [self.y[i] for i in order]
            return tuple(values)
        values += list(self.b[l0]) + list(self.W[l0][:, r])
        values += list(self.W[l0][:, np.arange(self.W[l0].shape[1]) != r].dot(
            np.delete(self.a[l0 - 1], r)))
        for l in range(l0 + 1, L):
            values += list(self.b[l]) + list(self.W[l].ravel())
        return tuple(values + list(self.y))


def _restricted(form: IndexForm, l0: int):
    """ℓ as a function of one parameter s of layer l0, every other quantity a named constant.

    In layer l0 the parameter enters one unit's z as P + Q·s (Q is the input it weighs, 1 for
    a bias; which unit does not matter, so one expression serves the whole layer); the layers
    after it are the network's own, with constant weights.  Returns (s, constants, ℓ).
    """
    shape, loss = form.shape, form.loss
    L = shape.layers
    s = sympy.Symbol("s", real=True)
    c = lambda name, n: list(sympy.symbols(f"{name}1:{n + 1}", real=True))  # noqa: E731
    P, Q = sympy.symbols("P Q", real=True)
    names = [P, Q]
    u = P + Q * s
    if l0 == L:
        n = shape.sizes[L]
        others, labels = c("Z", n - 1), c("Y", n)
        names += others + labels
        act = shape.activations[-1]
        if isinstance(act, Softmax):
            out = list(act.apply(sympy.Matrix([u, *others])))
        else:
            out = [act.phi(u), *(act.phi(z) for z in others)]
        return s, names, _ell(loss, out, labels)
    n_next = shape.sizes[l0 + 1]
    bias, weight, rest = c("B", n_next), c("V", n_next), c("R", n_next)
    names += bias + weight + rest
    a = shape.activations[l0 - 1].phi(u)
    # z⁽ˡ⁰⁺¹⁾ᵢ = (the other units' part Rᵢ, bias included as Bᵢ) + Vᵢ·a
    z = [b + r + v * a for b, r, v in zip(bias, rest, weight)]
    for l in range(l0 + 1, L + 1):
        out = list(shape.activations[l - 1].apply(sympy.Matrix(z)))
        if l == L:
            break
        n_out, n_in = shape.sizes[l + 1], shape.sizes[l]
        b, W = c(f"B{l}_", n_out), sympy.Matrix(n_out, n_in, c(f"W{l}_", n_out * n_in))
        names += b + list(W)
        z = list(W * sympy.Matrix(out) + sympy.Matrix(b))
    labels = c("Y", shape.sizes[L])
    names += labels
    return s, names, _ell(loss, out, labels)


def _ell(loss, out, labels):
    return loss.template.xreplace({**dict(zip(loss.predictions, out)),
                                   **dict(zip(loss.targets, labels))})


def _activate(act, z: np.ndarray) -> np.ndarray:
    """φ of every entry: NumPy for numbers, SymPy where an entry is an expression."""
    symbolic = z.dtype == object and any(isinstance(v, sympy.Basic) and v.free_symbols
                                         for v in z)
    if not symbolic:
        z = z.astype(float)
        if isinstance(act, Softmax):
            e = np.exp(z - z.max())
            return e / e.sum()
        return np.asarray(_numeric(act)(z), dtype=float) * np.ones_like(z)
    column = sympy.Matrix([sympy.sympify(v) for v in z])
    return np.array(list(act.apply(column)), dtype=object)


_NUMERIC: dict = {}


def _numeric(act):
    if act.name not in _NUMERIC:
        u = sympy.Symbol("u", real=True)
        _NUMERIC[act.name] = sympy.lambdify(u, act.phi(u), modules="numpy")
    return _NUMERIC[act.name]


def _check_numeric(form: IndexForm, deltas: dict, positions, rng: random.Random) -> None:
    point = Point(form, rng)
    instance = Instance(form, deltas, point)
    oracles: dict = {}
    for pos in positions:
        l, j, k = pos
        if l not in oracles:  # sympy.diff once per layer, evaluated for each parameter
            s, names, ell = _restricted(form, l)
            oracles[l] = (s, sympy.lambdify([s, *names], sympy.diff(ell, s), modules="numpy",
                                            cse=True))
        s, derivative = oracles[l]
        value = point.value("W", l, (j, k)) if k is not None else point.value("b", l, (j,))
        oracle = float(derivative(float(value), *point.constants(pos)))
        generic = float(instance.gradient(pos).rewrite(sympy.Heaviside).evalf())
        if not np.isclose(generic, oracle, rtol=TOLERANCE, atol=TOLERANCE):
            raise AssertionError(f"the index form's ∂ℓ/∂{param_of(form, pos)} = {generic} at "
                                 f"a random point, sympy.diff gives {oracle}")


# ------------------------------------------------------------------------------ the penalty


def _check_penalty(form: IndexForm, positions) -> None:
    """∂P/∂W⁽ˡ⁾ⱼₖ at each checked weight's indices, in its own name, is sympy.diff of P (the
    whole P up to EVERY_LIMIT weights, else the weight's own term: no other depends on it)."""
    names, instance, penalty = Names(form.shape, form.loss), Instance(form, {}), form.loss.penalty
    whole = penalty.expr if len(penalty.weights) <= EVERY_LIMIT else None
    for l, j, k in positions:
        if k is None:
            continue  # a bias: not penalised
        at = {J_: j, K_: k} if form.shape.network else {J_: k}
        generic = instance.concrete(penalty_derivative(names, l).xreplace(at), j)
        p = param_of(form, (l, j, k))
        oracle = sympy.diff(penalty.term(p) if whole is None else whole, p)
        if sympy.expand(generic - oracle) != 0:
            raise AssertionError(f"the index form's ∂P/∂{p} = {generic}, sympy.diff gives {oracle}")
