"""The index form as an outline: one derivation for a generic weight, in every format.

The rows come from :mod:`symgrad.calculus.index_form` (each with the rule that justifies it);
here they get their words (a note per row, a sentence per section) and their sections: the model
written with sums, the output layer's δ, each hidden layer's δ from the layer above, every weight
and bias, the batch gradient and the update, the same in matrix form (these sections are the
terminal's compact account), and (in the article and in ``text(steps=True)``) the rules of
∂ℓ/∂f and of each activation's derivative one by one.
Trivial steps (∂f/∂f = 1, the constant and sum rules over terms without the parameter) are not
rows: they are the notes of the rows they serve ("only the term k of the sum depends on …").
"""

from __future__ import annotations

import sympy

from ...calculus.backprop import LocalRule
from ...calculus.index_data import J_
from ...calculus.rules import diff_steps
from ...functions import indicator
from ...i18n.keys import LOSSES, N_, SAMPLES, algebra_words
from ...i18n.language import phrase
from ...nn import Identity, Softmax
from ..outline import Document, Math, Para, Row, Section, Words
from ..printers.text import row as text_row
from ..printers.text import text
from .penalty import WORDS as PENALTY_WORDS
from .steps import step_rows

ELL = sympy.Symbol("ell", real=True)

#: The heading of each stage (the layer is filled in where there is one).
_HEADINGS = {"model": N_("head.index-model"), "output": N_("head.index-output"),
             "hidden": N_("head.index-hidden"), "gradients": N_("head.index-gradients"),
             "batch": N_("head.batch"), "matrix": N_("head.index-matrix"),
             "penalty": N_("head.penalty")}
#: The note of each kind of row of the index form (IndexRow.rule), filled with its detail.
_NOTES = {
    "caveat": N_("index.caveat"), "weighted-sum": N_("index.weighted-sum"),
    "activation": N_("index.activation"), "softmax": N_("index.softmax"),
    "mean": N_("index.mean"), "delta": N_("index.delta"),
    "mean-penalty": N_("index.mean-penalty"),
    "mean-gradient-penalty": N_("index.mean-gradient-penalty"),
    "loss-derivative": N_("index.loss-derivative"), "loss-term": N_("index.loss-term"),
    "local.sigmoid": N_("index.local.sigmoid"), "local.tanh": N_("index.local.tanh"),
    "local.relu": N_("index.local.relu"), "local.rules": N_("index.local.rules"),
    "local.softmax": N_("index.local.softmax"), "chain": N_("index.chain"),
    "chain-softmax": N_("index.chain-softmax"), "chain-sum": N_("index.chain-sum"),
    "one-term-input": N_("index.one-term-input"), "delta-recursion": N_("index.delta-recursion"),
    "one-term": N_("index.one-term"), "bias": N_("index.bias"),
    "bias-named": N_("index.bias-named"),
    "substitute": N_("index.substitute"), "mean-gradient": N_("index.mean-gradient"),
    "matrix-delta": N_("index.matrix-delta"), "matrix-gradient": N_("index.matrix-gradient"),
    "matrix-regression": N_("index.matrix-regression"),
    "matrix-regression-delta": N_("index.matrix-regression-delta"),
}


def note(r) -> Words | None:
    """The words of an index row's rule (None for an update or a row without one)."""
    if r.rule in ("", "update"):
        return None
    if r.rule == "loss":
        return Words("index.loss", Words(SAMPLES[r.detail[0]]))  # ℓ: one sample's loss
    if r.rule == "one-hot":
        return Words("bp.one-hot")
    if r.rule == "penalty-one-term":  # only the weight's own term of P depends on it
        return Words("note.penalty-only")
    if r.rule.startswith("penalty-"):  # P itself: penalty-l2, penalty-l1
        return Words(PENALTY_WORDS[r.rule[len("penalty-"):]][1])
    if r.rule.startswith("algebra."):
        return algebra_words(r.rule[len("algebra."):])
    return Words(_NOTES[r.rule], *r.detail)


def stage_rows(stage) -> tuple[Row, ...]:
    """A stage's rows, each with its note."""
    return tuple(Row(r.lhs, r.rhs, note(r), r.rel) for r in stage.rows)


def _heading(d, stage) -> Words:
    form = d.form
    if stage.kind == "output":
        if not form.shape.network:
            return Words("head.index-output-formula", sympy.Derivative(
                ELL, sympy.Symbol("z", real=True), evaluate=False))
        one = form.shape.sizes[-1] == 1
        return Words("head.index-output", _delta(stage.layer, 1 if one else None))
    if stage.kind == "hidden":
        return Words("head.index-hidden", stage.layer, _delta(stage.layer))
    if stage.kind == "gradients" and not any(form.shape.biases):
        return Words("head.index-gradients-weights")  # a network without biases
    return Words(_HEADINGS[stage.kind])


def _delta(l: int, unit=None):
    return sympy.IndexedBase(f"delta^({l})")[unit or J_]


def _explanation(d) -> Para:
    form = d.form
    sizes = "-".join(map(str, form.shape.sizes))
    if form.shape.network:
        # the name of W⁽¹⁾₁₁ (not loss.params[0]: that builds every parameter's symbol)
        return Para(Words("para.index-network", sizes, "W1_1_1"))
    return Para(Words("para.index-formula", form.shape.sizes[0], form.shape.param(1).name))


def _renamed(d) -> Para | None:
    """Which generic name stands for which of the model's own (a formula's a, c as w₁, w₂)."""
    shape = d.form.shape
    if not shape.renamed:
        return None
    pairs = [[sympy.Eq(sympy.IndexedBase(stem)[k], own, evaluate=False)
              for k, own in enumerate(names, start=1)]
             for stem, names in zip((shape.weight, shape.input), shape.renamed)]
    if not pairs[1]:  # the inputs are x1 … xn: their own generic names
        return Para(Words("para.index-renamed", pairs[0]))
    return Para(Words("para.index-renamed-inputs", pairs[0], pairs[1]))


def kinks(form) -> Para | None:
    """Where the loss is not differentiable, one sentence (None when nowhere)."""
    if not form.kinks:
        return None
    return Para(Words("para.index-kinks", list(form.kinks)))


def appendix(loss, form) -> Section:
    """∂ℓ/∂f and each activation's derivative, rule by rule (article only)."""
    items = [Math(_indicated(step_rows(diff_steps(loss.term, loss.prediction))), tree=True)]
    seen = set()
    for act in form.shape.activations:
        if isinstance(act, (Identity, Softmax)) or act.name in seen:
            continue
        seen.add(act.name)
        items.append(Math(_indicated(step_rows(LocalRule.of(act).steps)), tree=True))
    return Section(Words("head.index-rules"), tuple(items), slides=False)


def _indicated(rows) -> tuple[Row, ...]:
    """Rule rows with relu′ written 1[u > 0] (never θ(u) or H(u))."""
    def swap(e):
        if not isinstance(e, sympy.Basic):
            return e
        return e.replace(lambda x: isinstance(x, sympy.Heaviside), lambda x: indicator(x.args[0]))

    return tuple(Row(swap(r.lhs), tuple(map(swap, r.rhs)), r.note, r.rel, r.depth) for r in rows)


def document(d) -> Document:
    """The outline every format renders."""
    loss, form = d.loss, d.form
    description = Words(LOSSES[loss.name])
    if form.shape.network:
        title = Words("title.network", description, "-".join(map(str, form.shape.sizes)))
    else:
        z = form.rows("model")[0].rhs[0]  # Σₖ wₖxₖ + b: the title as short as the model
        model = form.shape.activations[0].phi(z)
        title = Words("title.loss", description, sympy.Eq(loss.predictions[0], model,
                                                          evaluate=False))
    sections = []
    for stage in form.stages:
        items: list = [Math(stage_rows(stage))]
        if stage.kind == "model":
            items[:0] = [p for p in (_explanation(d), _renamed(d)) if p is not None]
        if stage.kind == "gradients" and (kinked := kinks(form)) is not None:
            items.append(kinked)
        if stage.kind == "penalty":  # its kind, strength and weights, in words
            penalty = loss.penalty
            shown = Words("term.every-weight") if form.shape.network else list(penalty.weights)
            items.insert(0, Para(Words(PENALTY_WORDS[penalty.kind][0], penalty.strength, shown)))
        if stage.kind == "matrix":
            items.insert(0, Para(Words("para.index-matrix") if form.shape.network
                                 else Words("para.index-matrix-formula")))
        sections.append(Section(_heading(d, stage), tuple(items), brief=True))
    sections.append(appendix(loss, form))
    return Document(title, tuple(sections), partial=True)


def caveat_text(kink) -> str:
    """One kink as the sentence ``Derivation.caveats`` lists.

    >>> import sympy
    >>> z = sympy.IndexedBase("z^(1)")[sympy.Symbol("j", integer=True, positive=True)]
    >>> caveat_text(sympy.Eq(z, 0, evaluate=False))
    'not differentiable where some z⁽¹⁾_j = 0'
    """
    return phrase("index.caveat").format(text(kink))


def short(d) -> str:
    """A one-line repr: the first generic gradient.

    >>> from symgrad import Model, bce, derive
    >>> short(derive(bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1, x2"))))
    '<IndexDerivation: ∂ℓ/∂w_j = ∂ℓ/∂z·∂z/∂w_j = (f − y)·x_j …>'
    """
    first = d.form.rows("gradients")[0]
    return f"<IndexDerivation: {text_row(Row(first.lhs, first.rhs), True)} …>"


__all__ = ["appendix", "caveat_text", "document", "kinks", "note", "short", "stage_rows"]
