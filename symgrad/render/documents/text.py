"""The terminal's renderer of an outline: Unicode lines, at a compact or a full level of detail.

The same :class:`~symgrad.render.outline.Document` the article, the slides and Markdown are
made of, printed with the Unicode text printer (:mod:`symgrad.render.printers.text`).  Which
items a terminal shows is said by the outline itself: an item or a section marked ``brief``
is the compact account (``detail="compact"``, what ``symgrad derive`` prints); everything is
shown at ``detail="full"`` (``--rules``, ``text(steps=True)``).

- ``detail="full"``: the title, then each section as ``heading:`` with its items indented.
- ``detail="compact"``: the title only when the document marks it ``brief``; a ``brief``
  section whole (heading, items indented); from the other sections their ``brief`` items
  and, of the other displays, their ``brief`` rows, unindented.

A paragraph is one line of words; display math is one line per row (``lhs = rhs   note``,
a step tree indented by depth); a table is columns padded to one width (a Chinese character
takes two columns).

>>> import sympy
>>> from symgrad.render.outline import Document, Math, Para, Row, Section, Words
>>> x, f = sympy.symbols("x f")
>>> doc = Document(Words("head.results"), (Section(Words("head.function"), (
...     Para(Words("para.caveats", "none")), Math((Row(f, (x**2,)),), brief=True))),))
>>> print(to_text(doc))
f = x²
>>> print(to_text(doc, detail="full"))
Results
The function:
  Note: none.
  f = x²
"""

from __future__ import annotations

from ...i18n.language import phrase
from ..outline import Document, Math, Para, Table
from ..printers.text import row, text, words
from .columns import columns

__all__ = ["DETAILS", "to_text"]

#: The levels of detail, from the least.
DETAILS = ("compact", "full")


def to_text(doc: Document, detail: str = "compact") -> str:
    """The outline as terminal lines at ``detail`` (one of :data:`DETAILS`; see the module)."""
    if detail not in DETAILS:
        raise ValueError(f"detail is one of {', '.join(DETAILS)}, not {detail!r}")
    full = detail == "full"
    lines = [words(doc.title, doc.partial)] if full or doc.brief else []
    for section in doc.sections:
        if full or section.brief:
            lines.append(phrase("text.heading").format(words(section.heading, doc.partial)))
            lines += ["  " + line for item in section.items for line in _item(item, doc)]
        else:
            lines += [line for item in section.items for line in _brief(item, doc)]
    return "\n".join(lines)


def _brief(item, doc: Document) -> list[str]:
    """What the compact account holds of an item of a section it does not hold whole."""
    if item.brief:
        return _item(item, doc)
    if isinstance(item, Math):
        return [row(r, doc.partial) for r in item.rows if r.brief]
    return []


def _item(item, doc: Document) -> list[str]:
    if isinstance(item, Para):
        return [" ".join(words(p, doc.partial) for p in item.parts)]
    if isinstance(item, Table):
        return _table(item, doc)
    assert isinstance(item, Math)
    return [row(r, doc.partial) for r in item.rows]


def _cell(value, doc: Document) -> str:
    if isinstance(value, (int, float)) or hasattr(value, "free_symbols"):
        return text(value, doc.partial)
    return words(value, doc.partial)


def _table(item: Table, doc: Document) -> list[str]:
    cells = [[_cell(c, doc) for c in r] for r in (item.header, *item.rows)]
    widths = [max(columns(r[i]) for r in cells) for i in range(len(item.header))]
    return ["  ".join(c + " " * (w - columns(c)) for c, w in zip(r, widths, strict=True)).rstrip()
            for r in cells]

