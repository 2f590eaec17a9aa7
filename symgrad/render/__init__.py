"""Presentation: outlines of results, printers of expressions, documents in every format.

``outline``    what a document states: Words (catalogue keys) and Rows of SymPy objects
``builders/``  one outline builder per kind of result (derivation, backprop, network, algebra,
               steps, stationary points, traces, k-means, verdicts)
``printers/``  the one LaTeX printer, the one Unicode printer, MathML
``documents/`` article, Beamer, Markdown (``tex``), HTML, their layout and preambles, PDF,
               and terminal text (``text``: the outline at a compact or full level of detail)
``plot``       matplotlib figures
``views``      the table of which renderer shows which result (see :mod:`symgrad.views`)

Importing this package registers every renderer with :mod:`symgrad.views`.
"""

from __future__ import annotations

from . import views  # noqa: F401 - registers the renderers
