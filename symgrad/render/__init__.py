"""Presentation: the neutral outline and one renderer per format.

``outline``  what a document states: Words (catalogue keys) and Rows of SymPy objects
``words``    the catalogue of every word an outline says
``steps``    a step tree as outline rows (dispatch on the step class)
``latex``    the one LaTeX printer; ``text`` the one Unicode printer
``layout``   where long rows break and when a sub-expression gets a name
``tex``      the article, Beamer and Markdown renderers; ``document`` pdflatex and Explainable
``derivation``, ``analysis_outline`` …  outline builders for each explainable result
"""

from __future__ import annotations


def rule_name(step) -> str:
    """How a step's rule is named in a document: "chain rule", "power rule", …

    >>> from symgrad.calculus.rules import diff_steps
    >>> from symgrad.parsing.core import parse, symbol
    >>> rule_name(diff_steps(parse("x**2"), symbol("x")))
    'power rule'
    """
    from ..i18n.words import phrase

    return phrase(f"rule.{step.rule}").split(",")[0].split("，")[0]
