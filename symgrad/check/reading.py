r"""Reading a student's answer: an answer must be an answer, and paper notation is read as a
grader reads it.

*Answers are answers.*  A claimed derivative that still contains the operation it should have
carried out (d/dx, ∂/∂w, ``Derivative(…)``, an integral, a limit) is not an answer: it is never
evaluated and then compared, since restating the question must not earn "right".

*Juxtaposition.*  Students write ``2x cos(x^2)``, ``2xy``, ``x e^x``, ``(x+1)(x-1)``.  In a
checker answer, a derivation line and the checker's problem (never in a formula that defines a
model, where names like w1 and x2 make it ambiguous) a run of letters that is not a known name
is split into the problem's own symbols and the constants e and π — and a function name when
a bracket follows — if it splits in exactly one way; factors side by side get a ×.  In the
problem, "known" names are those that do not split into its other variables (its ``4xy`` is
4·x·y when x and y are its variables; :func:`read_problem`).  The reading is stated in the
verdict; where more than one split is possible, the possible readings are listed and nothing
is guessed.  Left sides (``f'(x) =``) and forms with two readings (``x^1/2``): see
:mod:`.notation`.

>>> read_answer("2xy", {"x", "y"})
(2*x*y, 'read 2xy as 2·x·y')
>>> read_answer("2x cos(x^2)", {"x"})[1]
'read 2x cos(x^2) as 2x·cos(x^2)'
>>> read_answer(r"\frac{d}{dx}\sin(x^2)", {"x"})
Traceback (most recent call last):
...
symgrad.check.reading.NotAnAnswer: it still contains the derivative d/dx: carry it out
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice

import sympy

from ..errors import ParseError, Said, said
from ..parsing.core import parse
from ..parsing.grammar import CONSTANTS, FUNCTIONS, MAX_LENGTH, MAX_NAME_LENGTH, looks_like_latex
from ..parsing.python import TOKEN_RE, canonical_name, pipe_roles
from .notation import derivative_latex, strip_prefix, two_readings

__all__ = ["NotAnAnswer", "read_answer", "unfinished"]

WHAT = "the claimed answer"
#: At most this many ways of splitting one run of letters are listed.
_MAX_READINGS = 4


class NotAnAnswer(ValueError):
    """An answer that still contains the operation it should have carried out."""


# The operation as typed, in Python style or LaTeX, and what it is called in the message.
_UNFINISHED_TEXT = [
    (re.compile(r"\\frac\s*\{\s*\\partial|\\partial|∂"), "the partial derivative ∂"),
    (re.compile(r"\\frac\s*\{\s*d\s*\}\s*\{\s*d|(?<![A-Za-z0-9_])d\s*/\s*d\s*[A-Za-z]"),
     "the derivative d/dx"),
    (re.compile(r"\b(?:Derivative|diff|grad|gradient)\s*\("), "the derivative Derivative(…)"),
    (re.compile(r"\\int(?![a-z])|∫|\b(?:Integral|integrate)\s*\("), "an integral"),
    (re.compile(r"\\lim(?![a-z])|\b(?:Limit|limit|lim)\s*\("), "a limit"),
    (re.compile(r"\\sum(?![a-z])|Σ|\b(?:Sum|summation)\s*\("), "a sum Σ"),
]
_UNFINISHED_OBJECT = [
    (sympy.Derivative, "the derivative d/dx"),
    (sympy.Integral, "an integral"),
    (sympy.Limit, "a limit"),
    (sympy.Sum, "a sum Σ"),
]


def unfinished(answer, *, sums: bool = True) -> str | None:
    r"""What is left to do in ``answer`` (text or SymPy), or None if it is an answer.

    >>> unfinished("d/dx (x^2)"), unfinished(r"\int_0^1 x\,dx"), unfinished("2x")
    ('the derivative d/dx', 'an integral', None)
    """
    if isinstance(answer, str):
        answer = derivative_latex(answer)
        for pattern, name in _UNFINISHED_TEXT:
            if (sums or name != "a sum Σ") and pattern.search(answer):
                return name
        return None
    if isinstance(answer, sympy.Basic):
        for kind, name in _UNFINISHED_OBJECT:
            if answer.has(kind) and (sums or kind is not sympy.Sum):
                return name
    return None


def read_answer(text, symbols: Iterable[str], *, what: str = WHAT,
                sums: bool = True) -> tuple[sympy.Expr, str | None]:
    """The answer as an expression and how paper notation in it was read (or None).

    ``symbols`` are the names the problem uses.  Raises :class:`NotAnAnswer` for an answer
    that still contains an operation to carry out, ParseError for unreadable or ambiguous
    text.  ``sums=False`` lets a Σ through (a batch loss written as a sum is read elsewhere).

    >>> read_answer("x e^x", {"x"})
    (x*exp(x), 'read x e^x as x·e^x')
    >>> read_answer("2xcos(x)", {"x"})[1]
    'read 2xcos(x) as 2·x·cos(x)'
    >>> read_answer("(x+1)(x-1)", {"x"})
    ((x - 1)*(x + 1), 'read (x+1)(x-1) as (x+1)·(x-1)')
    """
    notes = []
    if isinstance(text, str) and len(text) <= MAX_LENGTH:
        text, prefix = strip_prefix(text)
        if prefix is not None:
            notes.append(said("check.prefix", prefix))
    typed = text
    left = unfinished(text, sums=sums)
    if left is not None:
        raise NotAnAnswer(said('err.core.it-still-contains-carry', left))
    if isinstance(text, str) and len(text) <= MAX_LENGTH:
        notes.append(two_readings(text, set(symbols), what=what))
        if not looks_like_latex(text.strip()):
            rewritten = juxtaposed(text, set(symbols), what=what)
            if rewritten != text.strip():
                shown = re.sub(r"\s*\*\s*", "·", rewritten.replace("**", "^"))
                notes.append(said("check.read-as", text.strip(), shown))
                text = rewritten
    expr = _parse_as_typed(text, typed, what)
    left = unfinished(expr, sums=sums)
    if left is not None:
        raise NotAnAnswer(said('err.core.it-still-contains-carry', left))
    return expr, joined(notes)


def _parse_as_typed(text, typed, what: str) -> sympy.Expr:
    """``text`` parsed; if that fails, the error is the one for what was typed (no × the
    reader added is quoted, no column counted with it)."""
    try:
        return parse(text, what=what)
    except ParseError:
        if text is not typed:
            parse(typed, what=what)
        raise


def read_problem(text, wrt: Iterable[str] = (), *, what: str = "the expression"
                 ) -> tuple[sympy.Expr, Said | None]:
    """The problem's function read by the answer's rule: a name that splits in exactly one way
    into the problem's other variables is their product (``4xy`` with x and y is 4·x·y).

    >>> read_problem("2x^2 + 2y + 4xy", ["y"])
    (2*x**2 + 4*x*y + 2*y, "read the problem's 2x^2 + 2y + 4xy as 2x^2 + 2y + 4·x·y")
    >>> read_problem("x1*x2 + w_1", ["x1"])
    (w1 + x1*x2, None)
    """
    function = parse(text, what=what)
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        return function, None
    asked = {symbol_name(w) for w in wrt}
    names = {s.name for s in function.free_symbols} | asked
    atoms = {n for n in names if n in asked or not _one_split(n, names - {n})}
    stated = two_readings(text, atoms, what=what)
    if atoms == names or looks_like_latex(text.strip()):
        return function, stated
    rewritten = juxtaposed(text, atoms, what=what)
    shown = re.sub(r"\s*\*\s*", "·", rewritten.replace("**", "^"))
    return parse(rewritten, what=what), joined([said("check.problem-read-as", text.strip(),
                                                     shown), stated])


def symbol_name(name) -> str:
    """The name of a variable given as text or a Symbol, as the reader spells it (x_1: x1)."""
    return canonical_name(name if isinstance(name, str) else name.name)


def _one_split(name: str, others: set[str]) -> bool:
    pieces = others | set(CONSTANTS)
    ok = _splittable(name, pieces, set())
    return len(list(islice(_splits(name, 0, pieces, set(), ok), 2))) == 1


def joined(notes) -> Said | None:
    """Several readings as one statement (None if there is none)."""
    notes = [n for n in notes if n]
    if not notes:
        return None
    whole = notes[0]
    for note in notes[1:]:
        whole = said("said.comma", whole, note)
    return whole


def juxtaposed(text: str, symbols: set[str], *, what: str = WHAT) -> str:
    """``text`` with × written where factors stand side by side, runs of letters split.

    >>> juxtaposed("2xy + x sin(y)", {"x", "y"})
    '2*x*y + x *sin(y)'
    >>> juxtaposed("ab", {"a", "b", "ab"})
    'ab'
    """
    tokens = [(m.lastgroup, m.group()) for m in TOKEN_RE.finditer(text.strip())]
    # |u| is a bracket here: an opening | is read like "(", a closing one like ")".
    roles = pipe_roles(tokens)
    bars = [role is not None for role in roles]
    tokens = [(kind, "(" if role == "open" else ")" if role == "close" else piece)
              for (kind, piece), role in zip(tokens, roles)]
    following = _next_pieces(tokens)
    out: list[str] = []
    previous = None  # the last token that was not a space, as (kind, text)
    spaced = False  # whether white space separates it from the current token
    divided = [False]  # per bracket depth: whether the product being written follows a "/"
    for k, (kind, piece) in enumerate(tokens):
        if kind == "space":
            out.append(piece)
            spaced = True
            continue
        if kind == "name" and not spaced and _in_exponent(tokens, k):
            number = tokens[k - 1][1]
            raise ParseError(
                said('err.reading.cannot-read-exponent-ambiguous',
                     what, text.strip(), number + piece, number, piece, number, piece))
        if kind == "name" and not _known(piece, symbols):
            piece = _split(piece, symbols, following[k] == "(", text, what)
            kind = "split" if "*" in piece else kind
        if previous is not None and _times(previous, kind, piece, spaced, symbols):
            if divided[-1]:
                raise ParseError(
                    said('err.reading.cannot-read-after-division', what, text.strip()))
            out.append("*")
        _track_division(divided, piece)
        out.append("|" if bars[k] else piece)
        previous, spaced = (kind, piece), False
    return "".join(out)


def _in_exponent(tokens: list[tuple[str, str]], k: int) -> bool:
    """Whether token k (a name) follows a number that follows ^ (or ^ and a sign): e^2x, e^-2x."""
    if k < 1 or tokens[k - 1][0] != "number":
        return False
    before = [t for t in tokens[:k - 1][-4:] if t[0] != "space"]
    if before and before[-1][1] in ("-", "+", "−"):
        before = before[:-1]
    return bool(before) and before[-1][0] == "power"


def _next_pieces(tokens: list[tuple[str, str]]) -> list[str | None]:
    """For each token, the text of the next token that is not a space (None at the end)."""
    following: list[str | None] = [None] * len(tokens)
    upcoming = None
    for k in range(len(tokens) - 1, -1, -1):
        following[k] = upcoming
        if tokens[k][0] != "space":
            upcoming = tokens[k][1]
    return following


def _track_division(divided: list[bool], piece: str) -> None:
    if piece == "(":
        divided.append(False)
    elif piece == ")":
        if len(divided) > 1:
            divided.pop()
    elif piece in ("+", "-", "−", ",", "="):
        divided[-1] = False
    elif piece == "/":
        divided[-1] = True


def _known(name: str, symbols: set[str]) -> bool:
    return (name in symbols or symbol_name(name) in symbols or name in FUNCTIONS
            or name in CONSTANTS or name in ("σ", "√"))


def _times(previous, kind: str, piece: str, spaced: bool, symbols: set[str]) -> bool:
    """Whether a × belongs between the previous token and this one (a product on paper)."""
    if not _factor_end(previous, symbols):
        return False
    # 2x, 2(x+1), x²y and x²(1 − x): the parser reads these itself.
    after_number = previous[0] in ("number", "super") and not spaced
    if kind in ("name", "split"):
        return kind == "split" if after_number else True
    if piece == "(":
        return not after_number
    return kind == "number" and previous[1] == ")"


def _factor_end(token, symbols: set[str]) -> bool:
    """Whether a product can end with this token: a number, ')', or a known symbol/constant."""
    kind, piece = token
    if kind == "name":
        return symbol_name(piece) in symbols or piece in CONSTANTS
    if kind == "split":
        return piece.split("*")[-1] not in FUNCTIONS
    return kind in ("number", "super") or piece == ")"


def _split(name: str, symbols: set[str], called: bool, text: str, what: str) -> str:
    """``name`` as a product of known pieces if it splits in exactly one way."""
    if len(name) > MAX_NAME_LENGTH:
        return name  # the parser refuses it with its own message
    pieces = symbols | set(CONSTANTS)
    functions = {f for f in FUNCTIONS if f.islower()} if called else set()
    splittable = _splittable(name, pieces, functions)
    readings = list(islice(_splits(name, 0, pieces, functions, splittable), _MAX_READINGS + 1))
    if len(readings) == 1:
        return "*".join(readings[0])
    if len(readings) > 1:
        shown = " or ".join("·".join(r) for r in readings[:_MAX_READINGS])
        raise ParseError(
            said('err.reading.cannot-read-can-be', what, text.strip(), name, shown))
    return name


def _splittable(name: str, pieces: set[str], functions: set[str]) -> list[bool]:
    """splittable[i]: whether name[i:] can be written as pieces (so no search dead-ends)."""
    n = len(name)
    ok = [False] * n + [True]
    for i in range(n - 1, -1, -1):
        ok[i] = name[i:] in functions or any(
            ok[j] for j in range(i + 1, n + 1) if name[i:j] in pieces)
    return ok


def _splits(name: str, start: int, pieces: set[str], functions: set[str], ok: list[bool]):
    """Every way to write name[start:] as pieces, the last of which may be a function name."""
    if start == len(name):
        yield []
        return
    if not ok[start]:
        return
    if name[start:] in functions:
        yield [name[start:]]
    for end in range(start + 1, len(name) + 1):
        if name[start:end] in pieces and ok[end]:
            for rest in _splits(name, end, pieces, functions, ok):
                yield [name[start:end], *rest]
