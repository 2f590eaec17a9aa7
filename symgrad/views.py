"""What a result can show — its outline, terminal text, documents and figures — without knowing how.

Results (a derivation, stationary points, a trace, a verdict, k-means) are plain data: SymPy
values and catalogue keys.  How they look is :mod:`symgrad.render`'s business: when symgrad is
imported, the renderers register themselves here, one per result class and kind of view, the
way SymPy's printers dispatch on the class of what they print.  So no computing module imports
a renderer, and adding a format or a result class is adding a registration.

>>> from symgrad import derive
>>> d = derive("x**3")
>>> print(d.text())
f = x³
df/dx = 3·x²
>>> view(d, "outline").title.key
'title.formula'
>>> view(3, "outline")
Traceback (most recent call last):
...
TypeError: symgrad has no outline view for int
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import said
from .i18n.language import current, language
from .runtime.atomic import write_text
from .runtime.budget import render_within_budget

__all__ = ["Explainable", "register", "view"]

_VIEWS: dict[tuple[type, str], Callable] = {}


def register(cls: type, kind: str) -> Callable[[Callable], Callable]:
    """Decorator: ``fn(result, …)`` is the ``kind`` view ("outline", "text", "plot", a document
    format …) of results of class ``cls`` (and of its subclasses, unless they have their own).

    >>> class Point:
    ...     pass
    >>> @register(Point, "text")
    ... def _(p):
    ...     return "a point"
    >>> view(Point(), "text")
    'a point'
    """

    def registered(fn: Callable) -> Callable:
        _VIEWS[cls, kind] = fn
        return fn

    return registered


def view(obj, kind: str, *args, **kwargs):
    """The ``kind`` view of ``obj``, from the renderer registered for its class (see register)."""
    for cls in type(obj).__mro__:
        fn = _VIEWS.get((cls, kind))
        if fn is not None:
            return fn(obj, *args, **kwargs)
    raise TypeError(f"symgrad has no {kind} view for {type(obj).__name__}")


class Explainable:
    """What every explainable result can do: its outline, text, documents in every format.

    Every view takes ``lang=`` ("en", "zh"; default ``SYMGRAD_LANG`` or English): only the words
    change, never the mathematics.  The public views run under the time budget (``timeout``
    seconds, else the default): past it :class:`symgrad.errors.TooExpensive`, never a hang.
    """

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "__repr__" not in cls.__dict__:  # set before @dataclass, which then keeps it
            cls.__repr__ = Explainable.__repr__

    def __repr__(self) -> str:
        """One line: the class and its result (a dataclass dump ran to 1,500 characters)."""
        try:
            return self._shown("repr", None, None)
        except TypeError:  # no renderer registered (symgrad.render not imported)
            return f"<{type(self).__name__}>"

    def document(self):
        """The outline (title, sections, rows of SymPy objects) that every format renders."""
        return view(self, "outline")

    def text(self, *args, lang: str | None = None, timeout=None, **options) -> str:
        """Readable Unicode lines: the compact account a terminal shows (see the renderer of
        each class for its options, e.g. ``Derivation.text(steps=True)``)."""
        return self._shown("text", lang, timeout, *args, **options)

    def to_latex(self, path=None, lang: str | None = None, *, timeout=None) -> str:
        """A complete LaTeX article (in ``lang``); written to ``path`` when given."""
        return _write(self._typeset("latex", lang, timeout), path)

    def to_beamer(self, path=None, lang: str | None = None, *, timeout=None) -> str:
        """Beamer slides (in ``lang``), one idea per frame; written to ``path`` when given."""
        return _write(self._typeset("beamer", lang, timeout), path)

    def to_markdown(self, lang: str | None = None, *, timeout=None) -> str:
        """Markdown with $$ math, in ``lang``."""
        return self._typeset("markdown", lang, timeout)

    def markdown(self, lang: str | None = None) -> str:
        """The same as ``to_markdown()``."""
        return self.to_markdown(lang=lang)

    def latex(self) -> str:
        r"""An amsmath ``align*`` body: every displayed row of the document, notes after ``&&``.

        >>> from symgrad import derive
        >>> print(derive("x**3").latex())
        f &= x^{3} \\
        \frac{d}{d x}\left[x^{3}\right] &= 3 x^{2} && \text{power rule} \\
        \frac{d f}{d x} &= 3 x^{2} && \text{simplified} \\
        \frac{d f}{d x} &= 3 x^{2}
        """
        return self._typeset("aligned", None, None)

    def _repr_html_(self) -> str:
        """A notebook's display: the result first, the steps folded, typeset as MathML by the
        browser (offline: no MathJax, no CDN), without a page title of its own."""
        return self._typeset("notebook", None, None)

    def _repr_latex_(self) -> str:
        return "$$\\begin{aligned}\n" + self.latex() + "\n\\end{aligned}$$"

    def _latex(self, printer=None) -> str:
        """``sympy.latex(obj)``: the mathematics of the result only (see ``symgrad.latex``)."""
        return self._typeset("result latex", None, None)

    def __str__(self) -> str:
        return self.text()

    def _typeset(self, fmt: str, lang, timeout) -> str:
        def work(obj):
            with language(lang):  # the outline's own sentences are built in the language too
                return view(obj, fmt, view(obj, "outline"))

        return render_within_budget(work, self, budget=timeout,
                                    what=said("err.document.typesetting", type(self).__name__))

    def _shown(self, kind: str, lang, timeout, *args, **options) -> str:
        def work(obj):
            with language(lang or current()):
                return view(obj, kind, *args, **options)

        return render_within_budget(work, self, budget=timeout,
                                    what=said("err.document.writing", type(self).__name__))


def _write(text: str, path) -> str:
    if path is not None:
        write_text(path, text)  # whole or not at all, through a temporary file
    return text
