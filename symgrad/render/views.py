"""Which renderer shows which result: the table :mod:`symgrad.views` dispatches on.

One row per (result class, kind of view).  Every explainable result gets its outline here, and
the document formats and the terminal's text from that outline
(:mod:`symgrad.render.documents.text`: ``text()`` is its compact account, ``text(steps=True)``
all of it); pictures come from :mod:`symgrad.render.plot`.  A new result class or a new format
is a new row.

>>> from symgrad import derive
>>> print(derive("x**2").to_markdown().splitlines()[0])
# The derivatives of $f = x^{2}$
"""

from __future__ import annotations

from ..analysis.extrema import Extrema, StationaryPoint
from ..analysis.kmeans import KMeans, MeanUpdateDerivation
from ..analysis.trace import Trace
from ..calculus.backprop import BackpropDerivation
from ..calculus.index_derivation import FromIndexForm, IndexDerivation
from ..calculus.path_derivation import PathDerivation
from ..calculus.rule_steps import Step
from ..calculus.scalar import Derivation
from ..check.verdict import Counterexample, Verdict
from ..i18n.language import language
from ..numeric.fit import Fit
from ..views import Explainable, register, view
from . import plot
from .builders.backprop import backprop_document
from .builders.derivation import document as derivation_document
from .builders.explain import (
    extrema_document,
    kmeans_document,
    mean_update_document,
    trace_document,
    verdict_document,
)
from .builders.index import caveat_text
from .builders.index import document as index_document
from .builders.index import short as index_repr
from .builders.path import document as path_document
from .builders.path import short as path_repr
from .documents.tex import rows_latex, to_beamer, to_latex, to_markdown
from .documents.text import to_text
from .documents.verdict import (
    counterexample_latex,
    verdict_latex,
)
from .outline import Math
from .printers.text import caveat, steps, words
from .summary import notebook_html, result_latex, short_repr

__all__ = ["VIEWS"]


def _aligned(_result, doc) -> str:
    """Every displayed row of ``doc`` as an amsmath ``aligned`` body, notes after ``&&``."""
    rows = [r for s in doc.sections for i in s.items if isinstance(i, Math) for r in i.rows]
    return rows_latex(rows, doc.partial)


def _text(result, steps: bool = False) -> str:
    """The terminal's lines: the outline's compact account, or with ``steps`` all of it."""
    return to_text(view(result, "outline"), "full" if steps else "compact")


def _reason(p, lang: str | None = None) -> str:
    """A stationary point's test in words, in ``lang`` (default: the language in force).

    >>> from symgrad import explain_minimum
    >>> _reason(explain_minimum("x**3").points[0])[:40]
    'f″(0) = 0, f‴(0) = 6  ⇒  degenerate: the'
    """
    if p.reason is None:
        return ""
    with language(lang):
        return words(p.reason)


#: (result class, kind of view, renderer): the whole table.
VIEWS = (
    # The document formats, the same for every explainable result: a renderer of its outline.
    (Explainable, "latex", lambda _result, doc: to_latex(doc)),
    (Explainable, "beamer", lambda _result, doc: to_beamer(doc)),
    (Explainable, "markdown", lambda _result, doc: to_markdown(doc)),
    (Explainable, "aligned", _aligned),
    # The terminal's text: the same outline at a level of detail (render/documents/text.py).
    (Explainable, "text", _text),
    # A notebook's display, the result's mathematics alone, a one-line repr (render/summary.py).
    (Explainable, "notebook", lambda _result, doc: notebook_html(doc)),
    (Explainable, "result latex", lambda _result, doc: result_latex(doc)),
    (Explainable, "repr", short_repr),
    # Outlines: each result class's builder.
    *((cls, "outline", build) for cls, build in (
        (Derivation, derivation_document), (IndexDerivation, index_document),
        (PathDerivation, path_document), (BackpropDerivation, backprop_document),
        (Extrema, extrema_document), (Trace, trace_document),
        (MeanUpdateDerivation, mean_update_document), (Verdict, verdict_document),
        (KMeans, kmeans_document))),
    # The one-line repr of the derivations written once for many parameters.
    (IndexDerivation, "repr", index_repr),
    (PathDerivation, "repr", path_repr),
    # Terminal text.
    (StationaryPoint, "reason", _reason),
    (Step, "text", lambda step: "\n".join(steps(step))),  # a rule tree, indented
    (Step, "caveat", caveat),  # where a step's derivative does not exist
    (FromIndexForm, "caveats", lambda d: tuple(caveat_text(k) for k in d.index_form.kinks)),
    (KMeans, "text", _text),  # not Explainable (no documents): its outline for the terminal
    # A verdict's LaTeX is its own short form, not the rows of its document.
    (Verdict, "aligned", lambda v, _doc: verdict_latex(v)),
    (Counterexample, "latex", counterexample_latex),
    # Pictures.
    (Trace, "plot", plot.trace_plot),
    (KMeans, "plot", plot.kmeans_plot),
    (Fit, "plot", plot.fit_plot),
    (Fit, "loss curve", lambda fit, **kwargs: plot.loss_curve(fit.history, **kwargs)),
)

for _cls, _kind, _renderer in VIEWS:
    register(_cls, _kind)(_renderer)
