"""The outline of the vector view: forward pass, local derivatives, the δ recursion, gradients.

Layer quantities are symbols named ``z^(l)``, ``a^(l)``, ``W^(l)`` (the printers write
z^{(l)}); vectors and matrices are SymPy MatrixSymbols, so (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ φ′(z⁽ˡ⁾) is an
expression, not a string.  The scalar rows (∂ℓ/∂f, φ′, softmax's δ) are true equations once
the names defined above them (a = φ(u), p₁ = softmax, y₃ = 1 − y₁ − y₂) are put in.
"""

from __future__ import annotations

import sympy
from sympy import HadamardProduct, MatrixSymbol

from ...calculus.backprop import SOFTMAX_DERIVATION_WIDTH as K
from ...functions import sigmoid
from ...i18n.keys import LOSSES
from ..outline import Document, Math, Para, Row, Section, Words, derivative
from .penalty import penalty_section
from .steps import step_rows

ELL = sympy.Symbol("ell", real=True)
_N, _K, _M = sympy.Symbol("n"), sympy.Symbol("k"), sympy.Symbol("m")
_I = sympy.Symbol("i", integer=True, positive=True)


def _vec(name: str, rows=_N):
    return MatrixSymbol(name, rows, 1)


def _phi(name: str, z):
    if name == "identity":
        return z
    if name == "sigmoid":
        return sigmoid(z)
    return sympy.Function(name if name != "relu" else "relu")(z)


def _forward(d) -> list[Row]:
    rows = []
    for l, (dense, act) in enumerate(d.network.stages, start=1):
        W = MatrixSymbol(f"W^({l})", _N, _N)
        z = W * _vec(f"a^({l - 1})")
        if dense.bias:
            z = z + _vec(f"b^({l})")
        zl = sympy.Symbol(f"z^({l})")
        rows.append(Row(_vec(f"z^({l})"), (z,), Words("bp.shape", dense.n_out, dense.n_in)))
        rows.append(Row(sympy.Symbol(f"a^({l})"), (_phi(act.name, zl),),
                        Words("bp.elementwise")
                        if act.name not in ("identity", "softmax") else None))
    return rows


def _local(d) -> tuple[list, list]:
    U, A = sympy.Symbol("u", real=True), sympy.Symbol("a", real=True)
    f, loss = d.loss.prediction, d.loss
    rows = [Row(ELL, (loss.term,)), Row(derivative(ELL, f), (d.output.outer.result,))]
    trees = [Math(tuple(step_rows(d.output.outer)), tree=True)]
    for rule in d.local.values():
        phi = rule.activation.phi(U)
        rows.append(Row(A, (phi,)))
        sides = (rule.steps.result,) if rule.in_a == rule.steps.result else (
            rule.steps.result, rule.in_a)
        rows.append(Row(derivative(phi, U), sides))
        trees.append(Math(tuple(step_rows(rule.steps)), tree=True))
    return rows, trees


def _softmax(d) -> Section:
    steps = d.output.softmax_steps
    z = [sympy.Symbol(f"z{j}", real=True) for j in range(1, K + 1)]
    y = [sympy.Symbol(f"y{j}", real=True) for j in range(1, K + 1)]
    p1 = sympy.Symbol("p_1", real=True)
    total = sympy.Add(*(sympy.exp(v) for v in z))
    return Section(Words("head.softmax"), (
        Para(Words("bp.softmax", K)),
        Math((Row(p1, (sympy.exp(z[0]) / total,)), Row(ELL, (steps.expr,)),
              Row(y[-1], (1 - sympy.Add(*y[:-1]),), Words("bp.one-hot")),
              Row(derivative(ELL, z[0]), (steps.result, p1 - y[0]))))))


def _delta(d) -> list[Row]:
    L = d.layers
    A = sympy.Symbol("a", real=True)
    out = d.network.stages[-1][1]
    delta = d.output.delta.xreplace({A: sympy.Symbol(f"a^({L})")})
    rows = [Row(sympy.Symbol(f"delta^({L})"), (delta,),
                (Words("bp.delta-softmax", out.name) if d.output.softmax_steps is not None
                 else Words("bp.delta-output", out.name)))]
    if L > 1:
        W = MatrixSymbol("W^(l+1)", _N, _N)
        back = HadamardProduct(W.T * _vec("delta^(l+1)"), _vec("varphi'(z^(l))"))
        rows.append(Row(_vec("delta^(l)"), (back,), Words("bp.hidden")))
    return rows


def _gradients(loss) -> list[Row]:
    delta, a = _vec("delta^(l)_i"), _vec("a^(l-1)_i")
    gW = sympy.Sum(delta * a.T, (_I, 1, _M)) / _M
    if loss.penalty is not None and loss.penalty.kind == "l2":  # + λW/m, as ∂P/∂w = λw/m
        gW = sympy.Add(gW, loss.penalty.strength / _M * MatrixSymbol("W^(l)", _N, _N),
                       evaluate=False)
    gb = sympy.Sum(delta, (_I, 1, _M)) / _M
    return [Row(derivative(sympy.Symbol("J"), MatrixSymbol("W^(l)", _N, _N)), (gW,)),
            Row(derivative(sympy.Symbol("J"), _vec("b^(l)")), (gb,))]


def backprop_document(d) -> Document:
    """The vector view as an outline: one idea per section."""
    sizes = "-".join(str(n) for n in (d.network.n_inputs, *(x.n_out for x in d.network.dense)))
    local, trees = _local(d)
    softmax = (_softmax(d),) if d.output.softmax_steps is not None else ()
    # The compact account: the forward pass, the local derivatives, δ and the gradients.
    return Document(Words("title.backprop", sizes, Words(LOSSES[d.loss.name])), (
        Section(Words("head.forward"), (Para(Words("bp.forward")), Math(tuple(_forward(d)))),
                brief=True),
        Section(Words("head.local"), (Math(tuple(local)),), brief=True),
        Section(Words("head.local-steps"), tuple(trees)),
        *softmax,
        Section(Words("head.delta"), (Math(tuple(_delta(d))),), brief=True),
        *((penalty_section(d.loss, generic=True),) if d.loss.penalty is not None else ()),
        Section(Words("head.bp-gradients"), (Math(tuple(_gradients(d.loss))),
                                             Para(Words("bp.agree"))), brief=True),
    ), partial=True)
