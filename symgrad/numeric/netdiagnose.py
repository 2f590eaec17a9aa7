"""Why a network's training step gave inf or NaN: the layer, the quantity, the sample, the weights.

Nothing here runs while training goes well.  After a step has given a J that is not a
number, the step is run again in a diagnostic copy of its own generated code (the same
lines, each followed by a check), at the last parameters that were still finite.  The first
line whose result holds a non-finite value where its inputs did not is the cause; the
operation inside it (an ``exp`` that overflowed, a division by zero, …) is named with
:func:`symgrad.numeric.diagnose.first_bad` on the SymPy form of that line.
"""

from __future__ import annotations

import re

import numpy as np

from ..codegen import compile_source
from ..errors import said
from ..nn import Identity, Softmax
from .diagnose import first_bad
from .netstep import A, U, Y

#: How many inputs, targets or weights a message shows before "…".
SHOWN = 4


class _Bad(Exception):
    pass


def _seen(name, value):
    """Stop at the first array (or number) of the step that is not finite."""
    if not np.isfinite(value).all():
        raise _Bad(name)


def explain_network(derivation, program, start, XT, YT, inv_m, lr, k, params=None):
    """The cause of a non-finite J at step ``k``, or None if no line of the step explains it.

    ``params`` are the parameters J was computed at; when they are not all finite (the step
    before made them so), the training is replayed from ``start`` to the last finite ones.

    >>> from symgrad import Dense, Sequential, mse
    >>> from symgrad.numeric.network import network_program
    >>> d, p = network_program(mse(Sequential(Dense(1, 1))))
    >>> start = [np.array([[2.0]]), np.array([0.0])]
    >>> explain_network(d, p, start, np.array([[1e200, 1.0]]), np.array([[1.0, 2.0]]),
    ...                 0.5, 0.1, 0)  # doctest: +NORMALIZE_WHITESPACE
    'overflow: (f - y)**2 is too large for a float with f - y = 2e+200 in the loss at sample 0
     (x1 = 1e+200; y = 1) where W1_1_1 = 2, b1_1 = 0'
    """
    scale = lr * inv_m
    if params is None or not all(np.isfinite(p).all() for p in params):
        params = _replay(program.step, start, XT, YT, inv_m, scale, k)
    trace = _Tracer(derivation, program.source, params, XT, YT)
    return trace.cause(inv_m, scale)


def _replay(step, start, XT, YT, inv_m, scale, k):
    """The parameters of step k, or of the last step before k where they were finite."""
    params = [p.copy() for p in start]
    with np.errstate(all="ignore"):
        for _ in range(k):
            _, grads = step(params, XT, YT, inv_m, scale)
            new = [p - g for p, g in zip(params, grads)]
            if not all(np.isfinite(p).all() for p in new):
                break
            params = new
    return params


_ASSIGN = re.compile(r"\s+(?P<name>[A-Za-z_]\w*)\s*(?P<op>[-+*/]?=)\s*(?P<code>.*)")


class _Tracer:
    """One training step run line by line, each result checked, each line explained."""

    def __init__(self, derivation, source, params, XT, YT):
        self.d = derivation
        self.net, self.loss = derivation.network, derivation.loss
        self.params, self.XT, self.YT = params, XT, YT
        body = source.split("\n\ndef forward")[0].splitlines()
        self.lines: dict[str, list[tuple[str, str]]] = {}
        out = [body[0]]
        for line in body[1:]:
            out.append(line)
            m = _ASSIGN.fullmatch(line)
            if m:
                out.append(f"    _seen({m['name']!r}, {m['name']})")
                self.lines.setdefault(m["name"], []).append((m["op"], m["code"]))
        self.source = "\n".join(out) + "\n"

    def cause(self, inv_m, scale):
        fn = compile_source(self.source, "step")
        fn.__globals__["_seen"] = _seen
        with np.errstate(all="ignore"):
            try:
                fn(self.params, self.XT, self.YT, inv_m, scale)
            except _Bad as bad:
                frame = bad.__traceback__.tb_next.tb_frame  # the step's own frame
                return self._explain(bad.args[0], dict(frame.f_locals))
        return None

    # --- naming the first bad line ------------------------------------------------------

    def _explain(self, name, v):
        stages = self.net.stages
        L = len(stages)
        value = np.asarray(v[name], dtype=float)
        pos = self._first(value)
        m = re.fullmatch(r"([A-Za-z]+?)(\d*)", name)
        kind, l = m[1], int(m[2]) if m[2] else L
        j, i = pos if pos is not None else (0, 0)
        if kind == "z":
            prev = self.XT if l == 1 else v[f"a{l - 1}"]
            big = float(np.max(np.abs(prev[:, i]))) if prev.size else 0.0
            return said("err.netdiag.pre-activation", l, f"z{l}_{j + 1}", _g(big),
                        self._at(i, l, j))
        if kind == "a" and name in v and not isinstance(stages[l - 1][1], (Identity, Softmax)):
            act = stages[l - 1][1]
            what = self._drill(act.phi(U), {U: v[f"z{l}"]}, value.shape)
            return said("err.netdiag.activation", what or said("err.netdiag.not-a-number"), l,
                        act.name, self._at(i, l, j))
        if kind == "d" and l == L:
            ops = self.lines[name]
            if ops[-1][0] == "*=" and ops[-1][1] == "scale":
                if np.isfinite(self._before_scale(v, L)).all():
                    return said("err.netdiag.update", self._at(i, L, j))
            delta = self.d.output.delta
            what = self._drill(delta, {U: v[f"z{L}"], A: v[f"a{L}"], Y: self.YT}, value.shape)
            return said("err.netdiag.output-delta", what or said("err.netdiag.not-a-number"),
                        self._at(i, L, j))
        if kind == "d":
            act = stages[l - 1][1]
            rule = self.d.local[act.name].in_a if act.name in self.d.local else None
            what = None
            if rule is not None:
                what = self._drill(rule, {U: v[f"z{l}"], A: v[f"a{l}"]}, value.shape)
            return said("err.netdiag.backward", what or said("err.netdiag.overflow"), l,
                        self._at(i, l, j))
        if kind in ("gW", "gb"):
            return said("err.netdiag.gradient", l, j + 1)
        # J or a part of the loss: the loss term on the (clipped, for a log) predictions.
        aL = v.get(f"a{L}")
        f_values = v.get("fc", aL)
        if aL is not None and np.isfinite(aL).all():
            term = self.loss.term
            what = self._drill(term, {self.loss.prediction: f_values, self.loss.target: self.YT},
                               np.shape(aL))
            if what is not None:
                return said("err.netdiag.loss", what[0],
                            self._at(what[1][1], L, what[1][0], loss=True))
            terms = np.abs(np.asarray(f_values) - self.YT)
            return said("err.netdiag.loss-sum", _g(terms.max()))
        return said("err.netdiag.not-a-number-in", name)

    def _drill(self, expr, data, shape):
        """(what, (unit, sample)) for the loss, or just what for other lines."""
        flat = {s: np.broadcast_to(np.asarray(a, dtype=float), shape).ravel()
                for s, a in data.items()}
        size = int(np.prod(shape))
        found = first_bad([expr], flat, size)
        if found is None:
            return None
        what, idx = found
        if expr is self.loss.term:
            return what, divmod(idx, shape[1])
        return what

    def _before_scale(self, v, L):
        """The output δ as computed before ``*= scale``: recomputed from its own line."""
        op, code = self.lines[f"d{L}"][0]
        names = {k: val for k, val in v.items() if not k.startswith("_")}
        with np.errstate(all="ignore"):
            return eval(code, {"numpy": np}, names)  # noqa: S307 - symgrad's own generated line

    @staticmethod
    def _first(value):
        bad = np.argwhere(~np.isfinite(np.atleast_2d(value)))
        return tuple(int(t) for t in bad[0]) if len(bad) else None

    def _at(self, i, l, j, loss=False):
        """'at sample i (x1 = …; y = …) where W{l}_{j}_1 = …, b{l}_{j} = …'."""
        xs = self.XT[:, i]
        parts = [f"x{n + 1} = {_g(x)}" for n, x in enumerate(xs[:SHOWN])]
        if len(xs) > SHOWN:
            parts.append("…")
        ys = self.YT[:, i]
        names = ["y"] if len(ys) == 1 else [f"y{n + 1}" for n in range(len(ys))]
        targets = [f"{n} = {_g(y)}" for n, y in zip(names[:SHOWN], ys[:SHOWN])]
        sample = "; ".join(filter(None, [", ".join(parts), ", ".join(targets)]))
        dense = self.net.stages[l - 1][0]
        W, b = self._layer(l)
        row = [f"W{l}_{j + 1}_{k + 1} = {_g(w)}" for k, w in enumerate(W[j][:SHOWN])]
        if W.shape[1] > SHOWN:
            row.append("…")
        if dense.bias:
            row.append(f"b{l}_{j + 1} = {_g(b[j])}")
        return said("err.netdiag.at", i, sample, ", ".join(row))

    def _layer(self, l):
        it = iter(self.params)
        for n, dense in enumerate(self.net.dense, start=1):
            W = next(it)
            b = next(it) if dense.bias else None
            if n == l:
                return W, b
        raise IndexError(l)


def _g(v) -> str:
    return f"{float(v):.6g}"
