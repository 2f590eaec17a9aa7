r"""Where a long row breaks, decided on the expression tree, never on the LaTeX source.

A row ``lhs = r₀ = r₁ …`` is cut into pieces: the left side, then each right side as
``= first term`` followed by ``+ term`` / ``- term`` pieces for the other top-level terms of
a sum (or ``\cdot factor`` pieces for the factors of a long product).  Lines are filled
greedily; a line that continues a row starts with its operator and sits under the right-hand
side, so it can never read as an equation of its own; the row's note goes on its last line.
A piece that does not fit even alone is shrunk to at most 80 %; beyond that its widest proper
sub-expression (never a whole side) gets a name, introduced by a row of its own before it
(ξ₁ = …, "introduce ξ₁") and reused wherever the same sub-expression comes back.  A step-tree
row whose left side ∂/∂x[…] takes more than half the line sets its right side on the lines
below, led by ``=``.

Widths are estimated in *units* of about one character of math (≈ 5.8 pt at 11 pt).

>>> width(r"\frac{\partial \ell}{\partial w}"), width("x^{2} + 1")
(2.6, 4.5)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy

from ..outline import Row, Words
from ..printers.latex import Printer

#: The smallest scale a row may be shrunk to before a sub-expression gets a name.
MIN_SCALE = 0.8

_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_ZERO = {"left", "right", "displaystyle", "limits", "big", "Big", "mathrm", "operatorname",
         "mathsf", "mathbf", "textstyle", ",", ";", "!", " "}
_WIDE = {"quad": 2.0, "qquad": 4.0, "sum": 2.0, "iff": 3.5, "leftarrow": 2.5, "cdot": 1.2,
         "neq": 1.5, "leq": 1.5, "geq": 1.5, "partial": 1.0, "ell": 1.0}


def width(tex: str) -> float:
    r"""The estimated width of some LaTeX math in units (≈ one character each).

    A fraction is as wide as its wider part; sub- and superscripts count 0.7.

    >>> width(r"\frac{1}{2 m}") < width("1 / (2 m)")
    True
    """
    return round(_width(tex, 0)[0], 2)


def _group(tex: str, k: int) -> tuple[str, int]:
    # The {…} group (or the single token) starting at k, and the index after it.
    while k < len(tex) and tex[k] == " ":
        k += 1
    if k >= len(tex):
        return "", k
    if tex[k] != "{":
        m = _COMMAND.match(tex, k)
        return (m.group(0), m.end()) if m else (tex[k], k + 1)
    depth, j = 0, k
    while j < len(tex):
        if tex[j] == "\\":
            j += 2
            continue
        depth += (tex[j] == "{") - (tex[j] == "}")
        if depth == 0:
            return tex[k + 1:j], j + 1
        j += 1
    return tex[k + 1:], len(tex)


def _width(tex: str, k: int) -> tuple[float, int]:
    total = 0.0
    while k < len(tex):
        c = tex[k]
        if c == "\\":
            m = _COMMAND.match(tex, k)
            name, k = m.group(1), m.end()
            if name in ("frac", "dfrac", "tfrac"):
                num, k = _group(tex, k)
                den, k = _group(tex, k)
                total += max(width(num), width(den)) + 0.6
            elif name in ("text", "textit", "mathit"):
                body, k = _group(tex, k)
                total += 0.85 * len(body)
            elif name in ("begin", "end"):
                env, k = _group(tex, k)
                if name == "begin" and env == "pmatrix":
                    end = tex.find(r"\end{pmatrix}", k)
                    body = tex[k:end]
                    total += 2 + max(sum(width(c) + 1 for c in r.split("&"))
                                     for r in re.split(r"\\\\(?:\[[^]]*\])?", body))
                    k = end + len(r"\end{pmatrix}")
            elif name == "sqrt":
                body, k = _group(tex, k)
                total += width(body) + 1.2
            elif name not in _ZERO:
                total += _WIDE.get(name, 1.0 if len(name) > 1 else 0.6)
        elif c in "^_":
            body, k = _group(tex, k + 1)
            total += 0.7 * width(body)
        elif c in "+-=<>":
            total += 1.8
            k += 1
        elif c in "{} ":
            k += 1
        else:
            total += 1.0
            k += 1
    return total, k


@dataclass(frozen=True)
class Line:
    """One printed line of a row: ``left`` cell, ``right`` cell, its scale and note.

    ``continued`` marks a line that continues the row of the line before it (it starts with
    an operator); a row's note is set on its last line only, so nothing ever stands between a
    row's first line and its continuation.
    """

    left: str
    right: str
    scale: float = 1.0
    note: object = None
    continued: bool = False


def pieces(printer: Printer, expr, lead: str) -> list[str]:
    r"""The breakable pieces of one side: ``lead`` + first term, then `` + term`` pieces.

    >>> from symgrad.render.printers.latex import printer
    >>> x = sympy.Symbol("x")
    >>> pieces(printer(), x**2 - 3*x + 1, "= ")
    ['= x^{2}', ' - 3 x', ' + 1']
    """
    if isinstance(expr, sympy.Add):
        terms = printer.ordered_terms(expr)
        return [lead + printer._print(terms[0]), *(printer.signed(t) for t in terms[1:])]
    if isinstance(expr, sympy.Mul) and len(expr.args) > 2 and not expr.has(sympy.Sum):
        text = printer._print(expr)
        if width(text) > 30:
            factors = _mul_factors(expr)
            if len(factors) > 1:
                prec = sympy.printing.precedence.PRECEDENCE["Mul"]
                sign = "-" if expr.could_extract_minus_sign() else ""
                first, *rest = (printer._print(f) if isinstance(
                    f, (sympy.Derivative, sympy.UnevaluatedExpr)) else printer.parenthesize(f, prec)
                    for f in factors)
                return [lead + sign + first, *(r" \cdot " + r for r in rest)]
    return [lead + printer._print(expr)]


def _mul_factors(expr) -> list:
    if expr.could_extract_minus_sign():
        expr = -expr
    num, den = sympy.fraction(expr)
    if den != 1:
        return [expr]
    return list(expr.args) if isinstance(expr, sympy.Mul) else [expr]


class Layout:
    """Lays rows out to a width, naming sub-expressions (ξ₁, ξ₂ … unique per document).

    A name is a last resort: only for a piece that does not fit even at 80 %, never for a
    whole side, introduced by its own row ("introduce ξ₁"), and reused wherever the same
    sub-expression comes back later in the document.
    """

    def __init__(self, printer: Printer, available: float):
        self.printer = printer
        self.available = available
        self.names = 0
        self.named: dict = {}  # sub-expression → its name ξₖ, for reuse
        self.defined: dict = {}  # expression → the document's own name for it (f = …)

    def rel(self, row: Row) -> str:
        """The LaTeX of a row's relation."""
        return {"=": "= ", "<-": r"\leftarrow ", "iff": r"\iff ", ">": "> ",
                "!=": r"\neq "}[row.rel]

    def sides(self, row: Row) -> list[str]:
        """The pieces of every right side, each side after the first led by a space."""
        rel = self.rel(row)
        out = []
        for k, side in enumerate(row.rhs):
            parts = pieces(self.printer, side, rel)
            out += [(" " if k and j == 0 else "") + p for j, p in enumerate(parts)]
        return out

    def row(self, row: Row, left_width: float, tree: bool = False, budget: int = 12
            ) -> list[tuple[Row, list[Line]]]:
        """The rows to print for ``row`` (name definitions first), each as its lines.

        ``tree`` rows (a step tree) are indented, not aligned.  When a tree row's left side —
        a derivative of a long expression — takes more than half the line, it stands on a
        line of its own and the right side follows below, led by ``=``; only a left side
        that does not fit even at 80 % gets a name for one of its parts.
        """
        tree = tree or row.depth > 0 or row.lhs is None
        row = self._reuse(row)
        if isinstance(row.lhs, sympy.Symbol) and not tree:
            self.defined.update({side: row.lhs for side in row.rhs
                                 if isinstance(side, sympy.Basic) and not side.is_Atom})
        indent = r"\quad " * row.depth
        lhs = self.printer._print(row.lhs) if row.lhs is not None else ""
        if tree and width(indent + lhs) > self.available / MIN_SCALE and budget > 0:
            shorter = self._shorter_lhs(row, left_width, budget)
            if shorter is not None:
                return shorter
        parts = self.sides(row)
        own_line = tree and width(indent + lhs) > self.available * 0.5 and parts and \
            width(indent + lhs) + 1 + width(parts[0]) > self.available
        if own_line:  # the right side goes below the left, one \quad in
            room = self.available - width(indent) - 2
        else:
            room = self.available - (width(indent) + width(lhs) + 1 if tree else left_width)
        too_wide = max(width(p) for p in parts) if parts else 0
        if too_wide > room / MIN_SCALE and budget > 0:
            named = self._name_part(row, room)
            if named is not None:
                return self._with_name(named, left_width, tree, budget)
        lines = _fill(parts, room)
        out = [self._lhs_line(indent, lhs)] if own_line else []
        for k, text in enumerate(lines):
            left, right = _sides_of_line(k, text, indent, lhs, tree, own_line)
            out.append(Line(left, right, _scale(text, room),
                            row.note if k == len(lines) - 1 else None,
                            continued=k > 0 or own_line))
        return [(row, out)]

    def _shorter_lhs(self, row: Row, left_width: float, budget: int):
        """A tree row whose left side is too wide even shrunk: ∂f/∂x when f was said above,
        else the row with a part of its left side named; None when neither applies."""
        name = self.defined.get(row.lhs.expr)
        if name is not None and name not in row.lhs.free_symbols:  # ∂f/∂x, f said above
            return self.row(Row(sympy.Derivative(name, *row.lhs.variable_count),
                                row.rhs, row.note, row.rel, row.depth),
                            left_width, True, budget - 1)
        named = self._name_part(row, self.available * 0.5, in_lhs=True)
        if named is not None:
            return self._with_name(named, left_width, True, budget)
        return None

    def _lhs_line(self, indent: str, lhs: str) -> Line:
        """A left side on a line of its own, shrunk (down to MIN_SCALE) when it is too wide."""
        scale = 1.0 if width(indent + lhs) <= self.available else max(
            MIN_SCALE, round(self.available / width(indent + lhs) - 0.005, 2))
        return Line("", f"{indent}{lhs}", scale)

    def _with_name(self, named, left_width, tree, budget):
        definition, shorter = named
        return [*self.row(definition, left_width, tree, budget - 1),
                *self.row(shorter, left_width, tree, budget - 1)]

    def _reuse(self, row: Row) -> Row:
        """The row with every sub-expression named before written with its name."""
        if not self.named:
            return row
        names = {e: u for e, u in self.named.items() if u not in _symbols(row)}

        def short(side):
            return side.xreplace(names) if isinstance(side, sympy.Basic) else side

        lhs = row.lhs
        if isinstance(lhs, sympy.Derivative) and lhs.expr not in names:
            lhs = sympy.Derivative(short(lhs.expr), *lhs.variable_count, evaluate=False)
        rhs = tuple(side if side in names else short(side) for side in row.rhs)
        if lhs == row.lhs and rhs == row.rhs:
            return row
        return Row(lhs, rhs, row.note, row.rel, row.depth)

    def _name_part(self, row: Row, room: float, in_lhs: bool = False):
        """A definition ξ = (a long proper sub-expression) and the row written with ξ, or None.

        Never a whole side: what is named is a part of the bracket ∂/∂x[…] (``in_lhs``) or
        of a right side, the widest one that fits ``room`` (a sum fits at any width: its own
        row breaks between its terms).
        """
        whole = (row.lhs.expr,) if in_lhs else row.rhs
        best, best_width = None, 0.0
        for side in whole:
            if not isinstance(side, sympy.Basic):
                continue
            for sub in sympy.preorder_traversal(side):
                if (sub in whole or sub.is_Atom or isinstance(sub, sympy.Derivative)
                        or not isinstance(sub, sympy.Expr)):  # a Piecewise's (expr, cond) pair
                    continue
                w = width(self.printer._print(sub))
                fits = w <= room * 0.95 or isinstance(sub, sympy.Add)
                if fits and w > best_width:
                    best, best_width = sub, w
        if best is None:
            return None
        used = _symbols(row) | {u.name for u in self.named.values()}
        self.names += 1
        while f"xi_{self.names}" in used:
            self.names += 1
        u = sympy.Symbol(f"xi_{self.names}", real=True)
        self.named[best] = u
        definition = Row(u, (best,), _named_note(u), depth=row.depth)
        lhs = row.lhs
        if in_lhs:
            lhs = sympy.Derivative(lhs.expr.xreplace({best: u}), *lhs.variable_count,
                                   evaluate=False)
        shorter = Row(lhs, tuple(side.xreplace({best: u}) if isinstance(side, sympy.Basic)
                                 else side for side in row.rhs),
                      row.note, row.rel, row.depth)
        return definition, shorter


def _symbols(row: Row) -> set[str]:
    return {s.name for side in row.sides if isinstance(side, sympy.Basic)
            for s in side.free_symbols}


def _named_note(u):
    return Words("note.named-quantity", u)


def _fill(parts: list[str], room: float) -> list[str]:
    """The pieces of a row's right sides filled greedily into lines ``room`` wide (a
    continuation line starts with a quad: it has that much less room)."""
    lines, current = [], ""
    for part in parts:
        limit = room if not lines else room - 2
        if current and width(current + part) > limit:
            lines.append(current)
            current = ""
        current += part.lstrip(" ") if not current and part.startswith(" = ") else part
    lines.append(current)
    return lines


def _scale(text: str, room: float) -> float:
    """How much a line must shrink to fit ``room`` (never below MIN_SCALE)."""
    return 1.0 if width(text) <= room else max(MIN_SCALE, round(room / width(text) - 0.005, 2))


def _sides_of_line(k: int, text: str, indent: str, lhs: str, tree: bool, own_line: bool
                   ) -> tuple[str, str]:
    """(left, right) of line k of a row: the first line carries the left side (aligned, or
    in front in a tree); later lines sit under the right side, led by their operator."""
    new_side = text.startswith(("= ", r"\iff", r"\leftarrow", "> ", r"\neq"))
    body = text if new_side else r"\quad " + text.lstrip()
    if own_line:
        return "", rf"{indent}\quad {body}"
    if k == 0:
        return ("", f"{indent}{lhs} {text}") if tree else (lhs, text)
    if tree:
        return "", rf"{indent}\hphantom{{{lhs}}} {body}"
    return "", body
