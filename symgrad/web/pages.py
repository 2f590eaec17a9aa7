"""What the templates share: the pages, the example values of every form, small filters.

The pages themselves are Jinja2 templates (``templates/``, autoescaped: every value a user
typed is HTML-escaped).  The results arrive as HTML fragments rendered by
:mod:`symgrad.render.documents.html` from symgrad's own outlines (their words escaped there), which
the templates insert as they are.
"""

from __future__ import annotations

import base64

from markupsafe import Markup, escape

from ..i18n.language import fill as language_fill

#: The pages, by path; their names in the navigation are the catalogue's web.nav.<path>.
PAGES = ("derive", "check", "explain", "fit")
#: How the language switch names each language, in that language.
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}

DEFAULTS = {
    "derive": {"kind": "formula", "model": "a*x1 + b*x2**2 + c*x3**3 + d",
               "inputs": "x1, x2, x3", "loss": "mse", "layers": "2, 2, 1",
               "hidden": "sigmoid", "output": "sigmoid", "penalty": "none", "lam": "1/10"},
    "check": {"task": "derivative", "f": "2x^2 - 12x + 20", "wrt": "x", "answer": "4x - 12",
              "kind": "formula", "model": "w*x + b", "inputs": "x", "loss": "mse",
              "penalty": "l2", "lam": "1/10", "param": "", "layers": "1, 2, 1",
              "hidden": "sigmoid", "output": "identity"},
    "explain": {"formula": "2*x**2 + 2*y + 4*x*y"},
    "trace": {"formula": "2*x**2 + y**2 + 3", "start": "x=1, y=1", "lr": "1/4", "steps": "4"},
    "fit": {"kind": "formula", "model": "w*x + b", "inputs": "x", "target": "y",
            "loss": "mse", "lr": "0.1", "steps": "200", "layers": "1, 2, 1",
            "hidden": "tanh", "output": "identity", "penalty": "none", "lam": "1/10"},
}


def b64(data: bytes) -> str:
    """Bytes as base64 text, for a ``data:`` URL.

    >>> b64(b"PNG")
    'UE5H'
    """
    return base64.b64encode(data).decode("ascii")


def fill(template: str, *values) -> Markup:
    """A catalogue phrase with its ``{0}``, ``{1}`` … filled: the phrase's words escaped, each
    value escaped unless it is already markup (a ``<code>`` or ``<strong>`` the page built).
    The one filling of a catalogue entry (:func:`symgrad.i18n.language.fill`), HTML-escaped.

    >>> fill("Verdict: {0} <ok>", Markup("<strong>right</strong>"))
    Markup('Verdict: <strong>right</strong> &lt;ok&gt;')
    """
    return Markup(language_fill(template, values, show=escape, literal=escape))
