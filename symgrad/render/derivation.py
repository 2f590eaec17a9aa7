"""How a Derivation reads: text for a terminal, align* rows, and a document outline.

All three walk the same step trees; the gradient shown last is ``Derivation.gradient``.
"""

from __future__ import annotations

from .document import Document, Math, Para, Section
from .latex import latex
from .latex import steps as latex_steps
from .text import steps as text_steps
from .text import text


def _name(d) -> tuple[str, str]:
    """How ∂(…)/∂p is written in text and in LaTeX: ℓ for a loss, f for a formula."""
    return ("ℓ", r"\ell") if d.loss is not None else ("f", "f")


def text_lines(d, steps: bool = False) -> list[str]:
    """The derivation in Unicode lines; with ``steps``, every rule that was applied.

    >>> from symgrad import derive
    >>> print("\\n".join(text_lines(derive("x**3 + 2*x"), steps=True)))
    f = x³ + 2·x
    ∂f/∂x:
      d/dx[x³ + 2·x] = 3·x² + 2   sum rule
        d/dx[x³] = 3·x²   power rule
        d/dx[2·x] = 2   constant multiple rule
          d/dx[x] = 1   variable rule
    ∂f/∂x = 3·x² + 2
    """
    name, _ = _name(d)
    lines = []
    if d.loss is not None:
        loss = d.loss
        lines.append(f"model  f = {', '.join(text(f) for f in loss.model.output_exprs)}")
        lines.append(f"loss   ℓ = {text(loss.template)}   ({loss.description})")
        lines.append(f"       J = {text(loss.batch())}")
        if steps:
            for f, tree in d.outer.items():
                lines.append(f"∂ℓ/∂{f}:")
                lines.extend(text_steps(tree, depth=1))
    else:
        lines.append(f"f = {text(d.function)}")
    for p, g in d.gradient.items():
        if steps:
            chain = " + ".join(f"∂ℓ/∂{f}·∂{f}/∂{p}" for f in d.outer) if d.loss else ""
            lines.append(f"∂{name}/∂{p} = {chain}   chain rule" if chain else f"∂{name}/∂{p}:")
            for tree in d.steps[p]:
                lines.extend(text_steps(tree, depth=1))
        lines.append(f"∂{name}/∂{p} = {text(g)}")
    lines.extend(f"note: {c}" for c in d.caveats)
    return lines


def _partial(name: str, p) -> str:
    return rf"\frac{{\partial {name}}}{{\partial {latex(p)}}}"


def _loss_rows(d) -> list[str]:
    loss = d.loss
    return [rf"f &= {latex(loss.model.expr)}",
            rf"\ell &= {latex(loss.template)} && \text{{{loss.description}}}",
            rf"J &= {latex(loss.batch())}"]


def _outer_rows(d) -> list[str]:
    return [r for tree in d.outer.values() for r in latex_steps(tree)]


def _gradient_rows(d, p) -> list[str]:
    """∂ℓ/∂p: the chain rule (for a loss), the steps of each factor, the simplified result."""
    _, name = _name(d)
    rows = []
    if d.loss is not None:
        chain = " + ".join(_partial(r"\ell", f) + " " + _partial(latex(f), p) for f in d.outer)
        rows.append(rf"{_partial(name, p)} &= {chain} && \text{{chain rule}}")
    for tree in d.steps[p]:
        rows.extend(latex_steps(tree))
    rows.append(rf"{_partial(name, p)} &= {latex(d.gradient[p])} && \text{{simplified}}")
    return rows


def latex_rows(d) -> list[str]:
    r"""align* rows: the model and loss (or formula), then each gradient, step by step.

    >>> from symgrad import derive
    >>> for row in latex_rows(derive("x**3")):
    ...     print(row)
    f &= x^{3}
    &\frac{d}{d x}\left[x^{3}\right] = 3 x^{2} && \text{power rule}
    \frac{\partial f}{\partial x} &= 3 x^{2} && \text{simplified}
    """
    head = _loss_rows(d) + _outer_rows(d) if d.loss is not None else [
        rf"f &= {latex(d.function)}"]
    return head + [r for p in d.wrt for r in _gradient_rows(d, p)]


def document(d) -> Document:
    """The outline every format renders: model and loss, ∂ℓ/∂f, one section per parameter."""
    sections = []
    if d.loss is not None:
        loss = d.loss
        title = f"The gradient of the {loss.description} for f = " + ", ".join(
            text(f) for f in loss.model.output_exprs)
        sections.append(Section("The model and the loss", (
            Para(f"The model f has inputs {', '.join(map(str, loss.model.inputs))} and "
                 f"parameters {', '.join(map(str, loss.params))}. Over m samples the loss is "
                 "the mean J of the per-sample loss ℓ."),
            Math(tuple(_loss_rows(d))))))
        sections.append(Section("The derivative of the loss with respect to the prediction",
                                (Math(tuple(_outer_rows(d))),)))
    else:
        title = f"The derivatives of f = {text(d.function)}"
        sections.append(Section("The function", (Math((rf"f &= {latex(d.function)}",)),)))
    name, _ = _name(d)
    for p in d.wrt:
        sections.append(Section(f"∂{name}/∂{p}", (Math(tuple(_gradient_rows(d, p))),)))
    _, lname = _name(d)
    summary: tuple = (Math(tuple(rf"{_partial(lname, p)} &= {latex(g)}"
                                 for p, g in d.gradient.items())),)
    if d.caveats:
        summary += (Para("Note: " + "; ".join(d.caveats) + "."),)
    sections.append(Section("Results", summary))
    return Document(title, tuple(sections))
