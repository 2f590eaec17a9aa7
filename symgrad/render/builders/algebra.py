"""The algebra after the chain rule as rows: one named step per row, each an equality.

:func:`symgrad.calculus.algebra.gradient_algebra` computes the steps (substitute f = σ(z), use
σ′ = σ(1 − σ), common denominator, cancel, …); here each becomes a row ``∂ℓ/∂p = after`` with
its rule as the note.  A name a step introduces (z = b + w·x, p₁ = e^{z₁}/Σ e^{zₖ}) is
defined on a row of its own first, and the one-hot step is preceded by what it assumes.
"""

from __future__ import annotations

import sympy

from ...calculus.algebra import gradient_algebra
from ...i18n.keys import algebra_words
from ..outline import Row, Words


def algebra_rows(d, p, lhs, shown) -> list[Row] | None:
    """Rows from the chain-rule product to the gradient, or None when there are no steps."""
    try:
        steps = gradient_algebra(d, p)
    except Exception:  # noqa: BLE001 - too expensive or no route: the plain rows stand
        return None
    if not steps:
        return None
    predictions = set(d.loss.predictions) if d.loss is not None else set()
    rows, defined = [], set()
    # The names the steps use (z = b + w·x, p₁ = …) are defined before the first row uses them.
    for step in steps:
        pairs = [(n, v) for n, v in step.detail if isinstance(n, sympy.Symbol)]
        for name, value in reversed(pairs if step.rule == "substitute" else []):
            if name not in defined and name not in predictions:
                rows.append(Row(name, (shown(value),), Words("note.named-quantity", name)))
                defined.add(name)
    rows.append(Row(lhs, (shown(steps[0].before),), Words("note.multiplied")))
    for step in steps:
        if step.rule == "substitute":
            pairs = [(n, v) for n, v in step.detail if isinstance(n, sympy.Symbol)]
            for name, value in pairs:
                if name in predictions:
                    # f in the names just introduced; with none (f = w·x), f is the model itself
                    note = (Words("note.same-f", name, sorted(defined, key=str)) if defined
                            else Words("note.the-model", name))
                    rows.append(Row(name, (shown(value),), note))
        if step.rule == "one-hot labels" and d.loss is not None:
            ys = d.loss.targets
            rows.append(Row(ys[-1], (1 - sympy.Add(*ys[:-1]),), Words("bp.one-hot")))
        rows.append(Row(lhs, (shown(step.after),), algebra_words(step.rule)))
    return rows
