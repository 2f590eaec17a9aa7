"""How a penalty on the weights reads in a derivation: J with its penalty, the penalty's own
rule rows, and ∂J/∂w with the penalty's term (see :mod:`symgrad.penalty`)."""

from __future__ import annotations

import sympy

from ...calculus.rules import diff_steps
from ...i18n.keys import N_
from ..outline import Math, Para, Row, Section, Words, derivative
from .steps import step_rows

P = sympy.Symbol("P", real=True)
_I, _M = sympy.symbols("i m", integer=True, positive=True)


#: The penalty's kind → the paragraph that states it and the note of its row.
#: Per kind of penalty: its paragraph and its row's note.
WORDS = {"l2": (N_("para.penalty-l2"), N_("note.penalty-l2")),
         "l1": (N_("para.penalty-l1"), N_("note.penalty-l1"))}


def penalty_section(loss, generic: bool = False) -> Section:
    """P written out, and ∂P/∂w derived by the rules for each weight: λw/m (L2).  For a
    network (``generic``) one weight w stands for every W."""
    penalty = loss.penalty
    if generic:
        w = sympy.Symbol("w", real=True)
        penalty = type(penalty)(penalty.kind, penalty.strength, (w,))
        shown = Words("term.every-weight")
    else:
        shown = list(penalty.weights)
    whole = loss.penalty.expr
    if generic:  # Σ over the network's n weights wₖ, not one w
        k, n = sympy.symbols("k n", integer=True, positive=True)
        wk = sympy.IndexedBase("w")[k]
        core = wk**2 if penalty.kind == "l2" else sympy.Abs(wk)
        whole = penalty.term(w).xreplace({w: 1}) * sympy.Sum(core, (k, 1, n))
    para, note = WORDS[penalty.kind]
    items: list = [Para(Words(para, penalty.strength, shown)),
                   Math((Row(P, (whole,), Words(note)),), brief=True)]
    for w in penalty.weights:
        tree = diff_steps(penalty.term(w), w)  # the other terms of P do not depend on w
        items.append(Math(tuple(step_rows(tree)), tree=True))
        items.append(Math((Row(derivative(P, w), (tree.result,), Words("note.penalty-only")),)))
    return Section(Words("head.penalty"), tuple(items))


def cost(batch: sympy.Expr, loss) -> sympy.Expr:
    """J = (1/m) Σ ℓᵢ, plus the penalty if the loss has one."""
    if loss.penalty is None:
        return batch
    return sympy.Add(batch, loss.penalty.expr, evaluate=False)


def with_term(mean: sympy.Expr, value: sympy.Expr, loss, p) -> tuple:
    """The sides of ∂J/∂p: the mean (and its value) plus ∂P/∂p where p is penalised."""
    if loss.penalty is None or p not in loss.penalty.weights:
        return mean, value
    term = loss.penalty.derivative(p)
    return (sympy.Add(mean, derivative(P, p), evaluate=False),
            sympy.Add(value, term, evaluate=False))
