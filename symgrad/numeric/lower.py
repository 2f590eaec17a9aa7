"""A loss's descent step as straight-line NumPy code: J and every gradient from one forward pass.

The derived per-sample expressions ℓ and ∂ℓ/∂θⱼ are lowered in four moves:

1. **hoist**: every sub-expression of the data alone (x², x³, 1 − y) becomes a feature,
   computed once per data set;
2. **share**: common sub-expressions (the residual f − y, σ(u)) are computed once a step;
3. **linear combinations**: θ₁·φ₁ + θ₂·φ₂ + … with data features φ becomes one product of the
   parameter vector with the stacked features (a BLAS matrix-vector product);
4. **reductions**: the mean of (array × feature) is a dot product, and the gradients that
   share one array are one matrix-vector product with their stacked features.

The mathematics is unchanged: every number is the same sum of the same products as the
derived formula, in a different order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import sympy
from sympy.printing.numpy import NumPyPrinter

from ..codegen import compile_source, numpy_function, stable_forms
from ..functions import sigmoid


class fast_sigmoid(sympy.Function):  # noqa: N801 - prints like a NumPy function
    """σ(u) as 1/(1 + e^{−u}): faster than the tanh form; e^{−u} = inf gives the right 0.

    Only used inside descent, which runs with NumPy's overflow warnings off.

    >>> u = sympy.Symbol("u")
    >>> NumPyPrinter({"fully_qualified_modules": True}).doprint(fast_sigmoid(u))
    '1/(1 + numpy.exp(-(u)))'
    """

    nargs = 1

    def _numpycode(self, printer):
        return f"1/(1 + {printer._module_format('numpy.exp')}(-({printer._print(self.args[0])})))"


class LoweringPrinter(NumPyPrinter):
    """NumPy code with small integer powers written as products (x·x·x is faster than x**3)."""

    def _print_Pow(self, expr, rational=False):
        n = expr.exp
        if n.is_Integer and 2 <= abs(n) <= 4:
            base = self.parenthesize(expr.base, sympy.printing.precedence.PRECEDENCE["Mul"] + 1)
            product = "*".join([base] * int(abs(n)))
            return product if n > 0 else f"1/({product})"
        return super()._print_Pow(expr, rational=rational)


def print_numpy(expr) -> str:
    """NumPy source text for an expression (functions' own ``_numpycode`` honoured).

    >>> x = sympy.Symbol("x")
    >>> print_numpy(x**3 + sympy.exp(x))
    'x*x*x + numpy.exp(x)'
    """
    return LoweringPrinter({"fully_qualified_modules": True, "allow_unknown_functions": False}
                    ).doprint(expr)


@dataclass
class Program:
    """One descent step as NumPy code: ``step(theta, *args)`` returns (J, ∂J/∂θ as an array).

    ``prepare(columns)`` computes ``args`` once from the data columns (inputs, then targets).

    >>> from symgrad import Model, mse, derive
    >>> p = lower(derive(mse(Model("w*x**3", inputs="x"))))
    >>> args = p.prepare([np.array([1.0, 2.0]), np.array([2.0, 4.0])])
    >>> J, g = p.step(np.array([0.0]), *args)
    >>> float(J), g.tolist()
    (5.0, [-17.0])
    """

    source: str
    step: Callable = field(repr=False)
    features: list = field(repr=False)
    stacks: list = field(repr=False)
    means: list = field(repr=False)

    def prepare(self, cols) -> list:
        """The data-only arrays a step reads: columns, features, stacked features, 1/m, means."""
        cols = [np.ascontiguousarray(c, dtype=float) for c in cols]
        m = len(cols[0])
        feats = [_as_column(v, m) for v in self.features(*cols)] if self.features else []
        stacks = []
        for rows, scaled in self.stacks:
            values = rows(*cols, *feats)
            stack = np.empty((len(values), m))
            for row, v in zip(stack, values):
                # Rows that a mean reads are scaled by 1/m once here, not every step.
                np.multiply(v, 1.0 / m if scaled else 1.0, out=row)
            stacks.append(stack)
        means = [float(np.mean(_as_column(v, m))) for v in self.means(*cols, *feats)] \
            if self.means else []
        return [*cols, *feats, *stacks, 1.0 / m, *means]


def _as_column(v, m) -> np.ndarray:
    v = np.asarray(v, dtype=float)
    if v.shape == (m,) and v.flags.c_contiguous:
        return v
    return np.ascontiguousarray(np.broadcast_to(v, (m,)))


class _Builder:
    """The state of one lowering: hoisted features, stacked feature matrices, emitted lines."""

    def __init__(self, data: set, params: list):
        self.data = data
        self.params = params
        self.index = {p: i for i, p in enumerate(params)}
        self.hoisted: dict = {}   # symbol -> data-only expression
        self._by_expr: dict = {}
        self.stacks: list = []    # (data-only row expressions, scaled by 1/m?)
        self.arrays: set = set()  # temporaries that hold arrays (they depend on the data)
        self.means: dict = {}     # symbol -> data-only expression whose mean is needed
        self.pre: list = []       # lines emitted while reducing

    # -- names of the step's arguments
    def feature_names(self):
        return [str(s) for s in self.hoisted]

    def stack_names(self):
        return [f"_s{k}" for k in range(len(self.stacks))]

    def mean_names(self):
        return [str(s) for s in self.means]

    def _is_array(self, e) -> bool:
        return bool(e.free_symbols & (self.data | set(self.hoisted) | self.arrays))

    def _data_only(self, e) -> bool:
        free = e.free_symbols
        return bool(free) and free <= (self.data | set(self.hoisted))

    def _feature(self, e):
        if e.is_Symbol:
            return e
        if e not in self._by_expr:
            s = sympy.Symbol(f"_h{len(self.hoisted)}", real=True)
            self.hoisted[s] = e
            self._by_expr[e] = s
        return self._by_expr[e]

    def hoist(self, e):
        """Replace data-only sub-expressions by features; the data-only arguments of a sum or
        product are grouped into one feature (a·x1 + 3 − y → a·x1 + h with h = 3 − y)."""
        if e.is_Atom:
            return e
        if self._data_only(e):
            return self._feature(e)
        if isinstance(e, (sympy.Add, sympy.Mul)):
            fixed = [a for a in e.args if self._data_only(a)]
            rest = [self.hoist(a) for a in e.args if not self._data_only(a)]
            if len(fixed) >= 2:
                return e.func(self._feature(e.func(*fixed)), *rest)
            return e.func(*[self._feature(a) for a in fixed], *rest)
        return e.func(*[self.hoist(a) for a in e.args])

    def unpack(self) -> str:
        names = ", ".join(map(str, self.params))
        return f"{names}{',' if len(self.params) == 1 else ''} = theta"

    # -- θ₁·φ₁ + θ₂·φ₂ + … as one matrix-vector product
    def _linear(self, e):
        """(indices, rows, rest) when e is a sum of ≥ 2 parameter-times-feature terms."""
        if not isinstance(e, sympy.Add):
            return None
        idx, rows, rest = [], [], []
        for term in e.args:
            coeff, factors = term.as_coeff_mul()
            ps = [f for f in factors if f in self.index]
            others = [f for f in factors if f not in self.index]
            if len(ps) == 1 and ps[0] not in idx and all(self._data_only(f) for f in others):
                idx.append(ps[0])
                rows.append(coeff * sympy.Mul(*others))
            else:
                rest.append(term)
        if len(idx) < 2:
            return None
        order = sorted(range(len(idx)), key=lambda j: self.index[idx[j]])
        return ([self.index[idx[j]] for j in order], [rows[j] for j in order],
                sympy.Add(*rest))

    def assign(self, t, e) -> str:
        name = str(t)
        if self._is_array(e):
            self.arrays.add(t)
        lin = self._linear(e)
        if lin is None:
            return f"{name} = {print_numpy(e)}"
        idx, rows, rest = lin
        k = len(self.stacks)
        self.stacks.append((rows, False))
        theta = "theta" if idx == list(range(len(self.params))) else f"theta[{idx}]"
        line = f"{name} = {theta} @ _s{k}"
        if rest != 0:
            line += f"; {name} += {print_numpy(rest)}"
        return line

    # -- means over the samples
    def _terms(self, e):
        """e as (multiplier, array factor or None, feature or None) terms of its mean."""
        out = []
        for term in sympy.Add.make_args(e):
            coeff, factors = term.as_coeff_mul()
            scal = [f for f in factors if not self._is_array(f)]
            feat = [f for f in factors if f not in scal and self._data_only(f)]
            arr = [f for f in factors if f not in scal and f not in feat]
            mult = coeff * sympy.Mul(*scal)
            F = self._feature(sympy.Mul(*feat)) if len(feat) > 1 else (feat[0] if feat else None)
            if not arr:
                if F is None:
                    out.append((mult, None, None))
                else:
                    c = sympy.Symbol(f"_c{len(self.means)}", real=True)
                    self.means[c] = F
                    out.append((mult * c, None, None))
                continue
            if len(arr) == 1 and F is None and arr[0].is_Pow and arr[0].exp == 2:
                out.append((mult, arr[0].base, arr[0].base))
                continue
            if len(arr) == 2 and F is None:
                out.append((mult, arr[0], arr[1]))  # a dot product of two arrays
                continue
            out.append((mult, sympy.Mul(*arr), F))
        return out

    def reduce(self, e) -> str:
        parts = []
        for mult, R, F in self._terms(e):
            parts.append(self._one(mult, R, F))
        return " + ".join(parts) or "0.0"

    def _one(self, mult, R, F) -> str:
        if R is None:
            return f"({print_numpy(mult)})"
        r = self._array(R)
        if F is None:
            red = f"{r}.sum()"
        elif F is R:
            red = f"({r} @ {r})"
        else:
            red = f"({r} @ {self._array(F)})"
        return f"(({print_numpy(mult)})*_inv_m)*{red}"

    def _array(self, R) -> str:
        if R.is_Symbol:
            return str(R)
        name = f"_r{len(self.pre)}"
        self.pre.append(f"{name} = {print_numpy(R)}")
        return name

    def reduce_many(self, exprs) -> str:
        """The gradient vector: terms sharing one array become one product with stacked rows."""
        groups: dict = {}
        scalars = [[] for _ in exprs]
        for i, e in enumerate(exprs):
            for mult, R, F in self._terms(e):
                if R is None or F is R or (F is not None and not self._data_only(F)):
                    scalars[i].append(self._one(mult, R, F))
                else:
                    groups.setdefault(R, []).append((i, mult, F))
        vectors = []
        for R, entries in groups.items():
            if len(entries) == 1:
                i, mult, F = entries[0]
                scalars[i].append(self._one(mult, R, F))
                continue
            k = len(self.stacks)
            rows = [sympy.Integer(1) if F is None else F for _, _, F in entries]
            self.stacks.append((rows, True))
            name = f"_v{k}"
            self.pre.append(f"{name} = _s{k} @ {self._array(R)}")
            vectors.append((name, entries))
        n = len(exprs)
        if (len(vectors) == 1 and not any(scalars)
                and [i for i, _, _ in vectors[0][1]] == list(range(n))):
            name, entries = vectors[0]
            mults = {m for _, m, _ in entries}
            if len(mults) == 1:
                mult = mults.pop()
                return name if mult == 1 else f"({print_numpy(mult)})*{name}"
        for name, entries in vectors:
            for j, (i, mult, _) in enumerate(entries):
                scalars[i].append(f"({print_numpy(mult)})*{name}[{j}]")
        return "numpy.array([" + ", ".join(" + ".join(s) or "0.0" for s in scalars) + "])"


@dataclass
class SampleForm:
    """ℓ and every ∂ℓ/∂θⱼ for one sample with user names replaced (_d data, _p parameters),
    data-only parts hoisted into features (_h) and shared parts computed once (_t)."""

    data: list
    params: list
    builder: _Builder
    repl: list
    reduced: list


def sample_form(derivation) -> SampleForm:
    """Hoist and share the per-sample J and gradients of a derivation (moves 1 and 2).

    >>> from symgrad import Model, mse, derive
    >>> f = sample_form(derive(mse(Model("w*x**2", inputs="x"))))
    >>> f.builder.hoisted, f.repl, f.reduced
    ({_h0: _d0**2, _h1: -_d1}, [(_t0, _h0*_p0 + _h1)], [_t0**2/2, _h0*_t0])
    """
    loss = derivation.loss
    params = list(derivation.wrt)
    data = [*loss.model.inputs, *loss.targets]
    exprs = [stable_forms(loss.sample), *[derivation.gradient[p] for p in params]]
    exprs = [e.replace(lambda e: isinstance(e, sigmoid), lambda e: fast_sigmoid(e.args[0]))
             for e in exprs]
    # Every user symbol is renamed: generated code never meets a user's name.
    d_syms = [sympy.Symbol(f"_d{i}", real=True) for i in range(len(data))]
    p_syms = [sympy.Symbol(f"_p{i}", real=True) for i in range(len(params))]
    rename = dict(zip(data, d_syms)) | dict(zip(params, p_syms))
    exprs = [e.xreplace(rename) for e in exprs]
    b = _Builder(set(d_syms), p_syms)
    exprs = [b.hoist(e) for e in exprs]
    repl, reduced = sympy.cse(exprs, symbols=sympy.numbered_symbols("_t"), order="none")
    return SampleForm(d_syms, p_syms, b, repl, reduced)


def lower(derivation) -> Program:
    """Lower a derivation's J and gradients to one NumPy step function (see the module)."""
    form = sample_form(derivation)
    b = form.builder
    lines = [b.unpack()]
    for t, e in form.repl:
        lines.append(b.assign(t, e))
    J_code = b.reduce(form.reduced[0])
    g_code = b.reduce_many(form.reduced[1:])
    lines += b.pre
    lines.append(f"return {J_code}, {g_code}")
    args = ["theta", *map(str, form.data), *b.feature_names(), *b.stack_names(), "_inv_m",
            *b.mean_names()]
    source = f"def step({', '.join(args)}):\n" + "".join(f"    {ln}\n" for ln in lines)
    d_syms = form.data
    return Program(
        source,
        compile_source(source, "step"),
        numpy_function(d_syms, list(b.hoisted.values())) if b.hoisted else None,
        [(numpy_function([*d_syms, *b.hoisted], rows), scaled) for rows, scaled in b.stacks],
        numpy_function([*d_syms, *b.hoisted], list(b.means.values())) if b.means else None,
    )
