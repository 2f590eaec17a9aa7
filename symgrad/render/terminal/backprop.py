"""Terminal text of the vector (backprop) view: forward pass, local rules, δ recursion, gradients."""

from __future__ import annotations

import sympy

from ...i18n.language import phrase
from ...parsing import symbol
from ..printers.text import text as expr_text


def backprop_text(d) -> str:
    """The derivation as readable Unicode lines.

    >>> from symgrad import Dense, Sequential, Sigmoid, backprop, bce
    >>> print(backprop(bce(Sequential(Dense(2, 1), Sigmoid()))).text())
    forward pass (a⁽⁰⁾ = x):
      z⁽¹⁾ = W⁽¹⁾ a⁽⁰⁾ + b⁽¹⁾,   a⁽¹⁾ = σ(z⁽¹⁾)   (W⁽¹⁾: 1×2)
    local derivatives:
      ∂ℓ/∂f = −(y − 1)/(1 − f) − y/f   with ℓ = −y·log(f) − (1 − y)·log(1 − f)
    output layer:
      δ⁽¹⁾ = ∂ℓ/∂a⁽¹⁾ ⊙ sigmoid′(z⁽¹⁾) = a⁽¹⁾ − y
    gradients:
      ∂J/∂W⁽ˡ⁾ = (1/m) Σᵢ δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ,   ∂J/∂b⁽ˡ⁾ = (1/m) Σᵢ δ⁽ˡ⁾
    """
    return "\n".join(_text_lines(d))


_SUP = str.maketrans("0123456789()-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁻")


def _up(l) -> str:
    return f"⁽{str(l).translate(_SUP)}⁾"


def _act_text(activation) -> str:
    return {"identity": "", "sigmoid": "σ"}.get(activation.name, activation.name)


def _text_lines(d) -> list[str]:
    L = d.layers
    lines = [phrase("bp.text-forward")]
    for l, (dense, act) in enumerate(d.network.stages, start=1):
        bias = f" + b{_up(l)}" if dense.bias else ""
        phi = _act_text(act)
        a = f"{phi}(z{_up(l)})" if phi else f"z{_up(l)}"
        lines.append(f"  z{_up(l)} = W{_up(l)} a{_up(l - 1)}{bias},   a{_up(l)} = {a}"
                     f"   (W{_up(l)}: {dense.n_out}×{dense.n_in})")
    lines.append(phrase("bp.text-local"))
    lines.append(f"  ∂ℓ/∂f = {expr_text(d.output.outer.result)}   "
                 + phrase("bp.text-with").format(expr_text(d.loss.term)))
    for name, rule in d.local.items():
        lines.append(f"  {name}′(u) = {expr_text(rule.steps.result)} = {expr_text(rule.in_a)}"
                     "   (a = φ(u))")
    out_act = d.network.stages[-1][1]
    lines.append(phrase("bp.text-output"))
    if d.output.softmax_steps is not None:
        why = phrase("bp.delta-softmax")
        lines.append(f"  δ{_up(L)} = ∂ℓ/∂z{_up(L)} = p − y   ({why}, Σₖ yₖ = 1)")
    else:
        lines.append(f"  δ{_up(L)} = ∂ℓ/∂a{_up(L)} ⊙ {out_act.name}′(z{_up(L)}) = "
                     f"{_vector_text(d.output.delta, L)}")
    if L > 1:
        layers = ", ".join(map(str, range(L - 1, 0, -1)))
        lines.append(phrase("bp.text-hidden").format(layers))
        lines.append("  δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ φ′(z⁽ˡ⁾)")
    lines.append(phrase("bp.text-gradients"))
    lines.append("  ∂J/∂W⁽ˡ⁾ = (1/m) Σᵢ δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ,   ∂J/∂b⁽ˡ⁾ = (1/m) Σᵢ δ⁽ˡ⁾")
    return lines


def _vector_text(delta: sympy.Expr, L: int) -> str:
    a = symbol("a")
    return expr_text(delta).replace(a.name, f"a{_up(L)}")
