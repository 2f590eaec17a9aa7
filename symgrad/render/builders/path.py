"""One parameter of a wide network in full, as an outline: its chain along its path.

The rows come from :mod:`symgrad.calculus.path_form` (the index form at the parameter's own
indices): the model written with sums, the δ of the layers above the parameter (generic: every
unit of them is on its path) and of its own unit, then for each parameter asked for the unit it
enters, the chain rule, ∂z/∂p as one row (the constant rule over the sum's other terms is that
row's note, never rows of its own), ∂ℓ/∂p with every δ written out, the batch gradient and the
update.  Nothing off the path is printed: no 785-term sum, no other unit's δ.
"""

from __future__ import annotations

from ...calculus.index_instance import count
from ...i18n.keys import LOSSES, N_
from ..outline import Document, Math, Para, Row, Section, Words
from ..printers.text import row as text_row
from .index import appendix, kinks, note
from .penalty import WORDS as PENALTY_WORDS

__all__ = ["document", "short"]

#: The notes of the rows only a path stage has (IndexRow.rule), filled with their detail.
_NOTES = {"path-unit": N_("index.path-unit"), "path-chain": N_("index.path-chain"),
          "path-one-term": N_("index.path-one-term"), "path-bias": N_("index.path-bias"),
          "path-delta": N_("index.path-delta"), "path-written": N_("index.path-written")}


def _note(r) -> Words | None:
    if r.rule == "path-one-term" and len(r.detail) == 3:  # a layer without biases
        return Words("index.path-one-term-nobias", *r.detail)
    if r.rule in _NOTES:
        return Words(_NOTES[r.rule], *r.detail)
    return note(r)


def _rows(stage) -> tuple[Row, ...]:
    return tuple(Row(r.lhs, r.rhs, _note(r), r.rel) for r in stage.rows)


def _heading(form, stage) -> Words:
    if stage.kind == "path":
        return Words("head.path", stage.rows[1].lhs)  # ∂ℓ/∂p
    delta = stage.rows[-1].lhs  # δ⁽ˡ⁾ⱼ, at the unit's own index where it has one
    if stage.kind == "output":
        return Words("head.index-output", delta)
    if stage.kind == "hidden":
        return Words("head.index-hidden", stage.layer, delta)
    if stage.kind == "penalty":
        return Words("head.penalty")
    return Words("head.index-model")


def document(d) -> Document:
    """The outline every format renders (see the module's docstring)."""
    path = d.path
    form, loss = path.form, d.loss
    sizes = "-".join(map(str, form.shape.sizes))
    title = Words("title.network", Words(LOSSES[loss.name]), sizes)
    asked = [r.lhs.variables[0] for s in path.stages if s.kind == "path" for r in s.rows[1:2]]
    sections = []
    for stage in path.stages:
        items: list = [Math(_rows(stage))]
        if stage.kind == "model":
            items.insert(0, Para(Words("para.path", sizes, count(form.shape), asked)))
        if stage.kind == "penalty":  # its kind, strength and weights, in words
            penalty = loss.penalty
            items.insert(0, Para(Words(PENALTY_WORDS[penalty.kind][0], penalty.strength,
                                       Words("term.every-weight"))))
        if stage.kind == "path" and stage is path.stages[-1] and (kinked := kinks(form)):
            items.append(kinked)
        sections.append(Section(_heading(form, stage), tuple(items), brief=True))
    sections.append(appendix(loss, form))
    return Document(title, tuple(sections), partial=True)


def short(d) -> str:
    """A one-line repr: the first parameter's gradient with its δ.

    >>> from symgrad import derive, mse
    >>> from symgrad.nn import network
    >>> short(derive(mse(network("784-30-10")), wrt="W2_3_7"))
    '<PathDerivation: ∂ℓ/∂W⁽²⁾_3,7 = a⁽¹⁾_7·δ⁽²⁾_3 …>'
    """
    first = next(r for s in d.path.stages if s.kind == "path" for r in s.rows
                 if r.rule == "path-written")
    return f"<PathDerivation: {text_row(Row(first.lhs, first.rhs[:1]), True)} …>"
