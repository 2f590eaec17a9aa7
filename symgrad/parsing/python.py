"""Python-style formulas: ``ast.parse`` and a whitelisting walk over the tree (see
:mod:`symgrad.parsing.core` for what is accepted; nothing in the text is ever executed)."""

from __future__ import annotations

import ast
import re
from fractions import Fraction

import sympy

from ..errors import said
from .grammar import (
    ALLOWED,
    CONSTANTS,
    FUNCTION_LIST,
    FUNCTIONS,
    MAX_DEPTH,
    MAX_LITERAL_DIGITS,
    NUMBER_RE,
    Reject,
    check_arity,
    check_brackets,
    check_complete,
    check_power,
    is_identifier,
    name_problem,
)
from .objects import quoted as short

# --------------------------------------------------------------------------- Python-style text

#: Unicode superscript digits and signs, as symgrad prints powers (x², x²², x⁻¹).
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺"
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPTS, "0123456789-+")
TOKEN_RE = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<number>(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    rf"|(?P<super>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    rf"|(?P<name>[^\W\d{SUPERSCRIPTS}](?:(?![{SUPERSCRIPTS}])\w)*|√)"
    r"|(?P<power>\*\*|\^)"
    r"|(?P<other>.)",
    re.DOTALL,
)
# Convenience signs and their Python spelling.
_UNICODE_SIGNS = {"·": "*", "×": "*", "−": "-"}
#: A name with a numeric subscript, x_1, is the problem's x1 (as x_{1} is in LaTeX).
_SUBSCRIPTED = re.compile(r"([A-Za-z]+)_([0-9]+)")


def superscript_power(piece: str) -> str:
    """A run of superscript digits as a Python power: ``²²`` is ``**(22)``, ``⁻¹`` ``**(-1)``.

    >>> superscript_power("²²"), superscript_power("⁻¹")
    ('**(22)', '**(-1)')
    """
    return f"**({piece.translate(_FROM_SUPERSCRIPT)})"


def canonical_name(name: str) -> str:
    """The name a variable is read as: ``x_1`` is ``x1``, as ``x_{1}`` is in LaTeX.

    >>> [canonical_name(n) for n in ("x_1", "w_12", "W1_12", "x_i")]
    ['x1', 'w12', 'W1_12', 'x_i']
    """
    match = _SUBSCRIPTED.fullmatch(name)
    return match.group(1) + match.group(2) if match else name
_TRAILING_OPERATORS = ("**", "+", "-", "*", "/", "^", "·", "×", "−")


def _rewrite(text: str) -> tuple[str, list[int]]:
    """Python-syntax text for ``text`` plus, per output character, its index in ``text``.

    Inserts ``*`` after a number followed by a name or ``(``, spells ``^`` and the unicode
    signs the Python way, and refuses characters Python would treat specially or normalise.
    """
    out: list[str] = []
    origin: list[int] = []

    def emit(piece: str, index: int, verbatim: bool = True) -> None:
        # A verbatim piece maps char by char; a replacement maps wholly to its source char.
        out.append(piece)
        origin.extend(range(index, index + len(piece)) if verbatim else [index] * len(piece))

    after_number = factor_end = False
    matches = list(TOKEN_RE.finditer(text))
    roles = pipe_roles([(m.lastgroup, m.group()) for m in matches])
    for match, role in zip(matches, roles):
        kind, piece, start = match.lastgroup, match.group(), match.start()
        if kind == "space":
            emit(" ", start)
            continue
        if role is not None:  # |u| as printed: abs(u); x|u| and 2|u| are products
            if role == "open" and (after_number or factor_end):
                emit("*", start, verbatim=False)
            emit("abs(" if role == "open" else ")", start, verbatim=False)
            after_number, factor_end = role == "close", role == "close"
            continue
        factor_end = kind == "name" or piece == ")"
        # 2x and x²(1 − x), x²y: after a number or a printed power a product is meant.
        if after_number and (kind == "name" or piece == "("):
            emit("*", start, verbatim=False)
        after_number = kind in ("number", "super")
        if kind == "super":
            emit(superscript_power(piece), start, verbatim=False)
        elif kind == "name":
            rewritten = _rewrite_name(piece, start)
            emit(rewritten, start, verbatim=rewritten == piece)
        elif kind == "power":
            emit("**", start, verbatim=piece == "**")
        elif piece in _UNICODE_SIGNS:
            emit(_UNICODE_SIGNS[piece], start, verbatim=False)
        elif piece == "#" or not (piece.isascii() and piece.isprintable()):
            raise Reject(said('err.parsing.unexpected-character-at-column', piece, start + 1))
        else:
            emit(piece, start)
    return "".join(out), origin


_OPENERS = {"+", "-", "*", "/", "(", ",", "·", "×", "−", "=", "**", "^"}


def pipe_roles(tokens: list[tuple[str, str]]) -> list[str | None]:
    """For each token, "open" or "close" if it is a | of |u|, else None: a | opens after an
    operator, a bracket or nothing, and closes an open one elsewhere.

    >>> pipe_roles([("other", "|"), ("name", "x"), ("other", "|")])
    ['open', None, 'close']
    """
    roles: list[str | None] = []
    depth, previous = 0, None
    for kind, piece in tokens:
        if kind == "space":
            roles.append(None)
            continue
        if piece == "|":
            opening = previous is None or previous in _OPENERS or previous == "open" \
                or depth == 0
            role = "open" if opening else "close"
            depth += 1 if opening else -1
            roles.append(role)
            previous = role
            continue
        roles.append(None)
        previous = piece if kind in ("other", "power") else kind
    return roles


def _rewrite_name(name: str, start: int) -> str:
    if name == "σ":
        return "sigmoid"
    if name == "√":  # √(u), as symgrad prints a square root
        return "sqrt"
    # Python would NFKC-normalise other letters into ASCII look-alikes; refuse them here.
    if not name.isascii():
        raise Reject(
            said('err.parsing.name-at-column-not', name, start + 1)
        )
    return canonical_name(name)


# Two factors side by side, "x cos(x)" or "(x+1) y": most likely a product written as on paper.
_JUXTAPOSED = re.compile(r"[A-Za-z0-9_)]\s+[A-Za-z(]")


def parse_python(text: str) -> sympy.Expr:
    check_brackets(text)
    check_complete(text, _TRAILING_OPERATORS)
    source, origin = _rewrite(text)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        column = origin[min(max((error.offset or 1) - 1, 0), len(origin) - 1)] + 1
        hint = ""
        if _JUXTAPOSED.search(text):
            hint = said("err.parsing.juxtaposed-hint")
        raise Reject(
            said('err.parsing.it-not-formula-i', column, error.msg, hint)
        ) from None
    except (RecursionError, MemoryError, ValueError):
        raise Reject(said('err.parsing.it-nested-too-deeply')) from None
    return _PythonBuilder(text, source, origin).build(tree.body, 0)


class _PythonBuilder:
    """Builds a SymPy expression from a whitelisted subset of Python's syntax tree."""

    _DESCRIPTIONS = {
        ast.Attribute: "attribute access",
        ast.Subscript: "indexing",
        ast.Lambda: "lambda",
        ast.ListComp: "a comprehension",
        ast.SetComp: "a comprehension",
        ast.DictComp: "a comprehension",
        ast.GeneratorExp: "a comprehension",
        ast.Compare: "a comparison",
        ast.BoolOp: "'and'/'or'",
        ast.IfExp: "a conditional expression",
        ast.NamedExpr: "assignment",
        ast.JoinedStr: "an f-string",
        ast.List: "a list",
        ast.Tuple: "a tuple",
        ast.Dict: "a dict",
        ast.Set: "a set",
        ast.Starred: "unpacking",
        ast.Await: "await",
    }

    def __init__(self, text: str, source: str, origin: list[int]):
        self.text = text
        self.source = source
        self.origin = origin

    def segment(self, node: ast.AST) -> str:
        """The original text of ``node``, quoted and shortened."""
        start = self.origin[node.col_offset]
        end = self.origin[max(node.end_col_offset - 1, node.col_offset)] + 1
        return short(self.text[start:end], 40)

    def build(self, node: ast.expr, depth: int) -> sympy.Expr:
        if depth > MAX_DEPTH:
            raise Reject(said('err.parsing.it-nested-more-than', MAX_DEPTH))
        if isinstance(node, ast.BinOp):
            return self.binary(node, depth)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = self.build(node.operand, depth + 1)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Constant):
            return self.number(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        what = self._DESCRIPTIONS.get(type(node), "this construct")
        raise Reject(said('err.parsing.not-allowed', what, self.segment(node), ALLOWED))

    def binary(self, node: ast.BinOp, depth: int) -> sympy.Expr:
        if isinstance(node.op, (ast.Add, ast.Sub)):
            return self.chain(node, depth, (ast.Add, ast.Sub))
        if isinstance(node.op, (ast.Mult, ast.Div)):
            return self.chain(node, depth, (ast.Mult, ast.Div))
        if isinstance(node.op, (ast.Pow, ast.BitXor)):
            base = self.build(node.left, depth + 1)
            exponent = self.build(node.right, depth + 1)
            check_power(base, exponent, self.segment(node))
            return sympy.Pow(base, exponent)
        raise Reject(said('err.parsing.operator-in-not-allowed', self.segment(node), ALLOWED))

    def chain(self, node: ast.expr, depth: int, ops: tuple[type, ...]) -> sympy.Expr:
        """A left-leaning run like a - b + c, walked as a loop so long sums are not deep."""
        parts: list[sympy.Expr] = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, ops):
            right = self.build(node.right, depth + 1)
            if isinstance(node.op, ast.Sub):
                right = -right
            elif isinstance(node.op, ast.Div):
                if right == 0:
                    raise Reject(said('err.parsing.divides-by-zero', self.segment(node)))
                right = sympy.Pow(right, -1)
            parts.append(right)
            node = node.left
        parts.append(self.build(node, depth + 1))
        parts.reverse()
        return sympy.Add(*parts) if ops[0] is ast.Add else sympy.Mul(*parts)

    def number(self, node: ast.Constant) -> sympy.Expr:
        if type(node.value) not in (int, float):
            raise Reject(said('err.parsing.not-number-or-name', self.segment(node), ALLOWED))
        # The rewritten text, so that x² reads its exponent from the "2" it became.
        return _exact_number(self.source[node.col_offset : node.end_col_offset])

    def name(self, node: ast.Name) -> sympy.Expr:
        if node.id in CONSTANTS:
            return CONSTANTS[node.id]
        if node.id in FUNCTIONS:
            shown = self.segment(node).strip("'")
            raise Reject(said('err.parsing.function-write-2', shown, shown))
        problem = name_problem(node.id)
        if problem is not None:
            raise Reject(said('err.parsing.not-allowed-name', self.segment(node), problem))
        return sympy.Symbol(node.id, real=True)

    def call(self, node: ast.Call, depth: int) -> sympy.Expr:
        func = node.func
        if not isinstance(func, ast.Name):
            raise Reject(
                said('err.parsing.calls-something-that-not', self.segment(node))
            )
        if func.id not in FUNCTIONS and is_identifier(func.id):
            raise Reject(
                said('err.parsing.not-function-i-know-2',
                     self.segment(func), func.id, FUNCTION_LIST)
            )
        if func.id not in FUNCTIONS:
            raise Reject(
                said('err.parsing.not-function-i-know-3', self.segment(func), FUNCTION_LIST)
            )
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise Reject(said('err.parsing.functions-take-plain-positional', self.segment(node)))
        function, arity = FUNCTIONS[func.id]
        check_arity(func.id, arity, len(node.args), self.segment(node))
        return function(*(self.build(arg, depth + 1) for arg in node.args))




def _exact_number(literal: str) -> sympy.Rational:
    """The exact value of a decimal literal, computed from its digits (never via float)."""
    match = NUMBER_RE.fullmatch(literal)
    if match is None or not (match.group(1) or match.group(2)):
        raise Reject(said('err.parsing.not-decimal-number', literal))
    whole, fraction, exponent_text = match.group(1), match.group(2) or "", match.group(3)
    digits = whole + fraction
    if len(digits) > MAX_LITERAL_DIGITS or (exponent_text and len(exponent_text) > 5):
        raise Reject(said('err.parsing.number-has-too-many', short(literal, 30)))
    exponent = int(exponent_text or 0) - len(fraction)
    if abs(exponent) > MAX_LITERAL_DIGITS:
        raise Reject(said('err.parsing.number-too-large-or', short(literal, 30)))
    value = Fraction(int(digits)) * Fraction(10) ** exponent
    return sympy.Rational(value.numerator, value.denominator)
