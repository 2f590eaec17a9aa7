r"""A penalty term in a claimed cost, split off and read: J = (1/m) Σᵢ ℓᵢ + λ/(2m) Σⱼ wⱼ².

Students write a penalised cost as the batch cost plus the penalty, as the textbook's one
bracket 1/(2m) [Σᵢ (…)² + λ Σⱼ wⱼ²], or per sample, ℓ + λ/(2m)·w² (whose mean over the batch
is J, the penalty being the same for every sample).  The answer is cut into its terms at the
top level (never inside a bracket, |…| or ‖…‖); a term is the penalty when it has λ, a sum over
the weights (Σⱼ wⱼ², ‖w‖², Σ |w|, ‖w‖₁) or only weights and m in it.  λ is read as the loss's
strength, the sum over the weights as the sum over the penalised weights, and the rest of the
answer (the data part) is left as text, for the batch reading of :mod:`.loss`.

>>> import sympy
>>> w1, w2, b = sympy.symbols("w1 w2 b", real=True)
>>> s = split_penalty(r"\frac{1}{2m}\sum_{i=1}^{m}(f_i-y_i)^2+\frac{\lambda}{2m}\sum_j w_j^2",
...                   strength=sympy.Rational(1, 10), weights=(w1, w2), params=(w1, w2, b))
>>> s.data, s.penalty
('\\frac{1}{2m}\\sum_{i=1}^{m}(f_i-y_i)^2', (w1**2 + w2**2)/(20*m))
>>> split_penalty("(f - y)^2/2", strength=None, weights=(w1,), params=(w1, b)).penalty
0
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy
from sympy import S

from ..errors import ParseError
from ..parsing.core import symbol
from ..parsing.grammar import MAX_LENGTH, looks_like_latex
from .core import read
from .reading import NotAnAnswer

__all__ = ["Split", "split_penalty", "with_strength"]

#: Stand-ins, read as one symbol in either syntax, for Σ w² and Σ |w| over the weights.
_SQUARES, _ABSOLUTES = "Omega", "Upsilon"


@dataclass(frozen=True)
class Split:
    """``data``: the answer without its penalty terms (text, or the answer as given);
    ``penalty``: the penalty it claims (0 for none); ``typed``: the penalty as typed."""

    data: object
    penalty: sympy.Expr
    typed: str = ""


def _stem(weights) -> str | None:
    """The letter every weight's name starts with (w for w, w1, w_2; W for W1_1_1), or None."""
    stems = {re.sub(r"[\d_]+$", "", re.sub(r"(?<=\D)[\d_].*$", "", w.name)) for w in weights}
    return stems.pop() if len(stems) == 1 and all(stems) else None


_SIGMA = r"(?:Σ|∑|\\sum(?![A-Za-z])|(?<![A-Za-z\\])sum(?![A-Za-z]))(?: ?\\limits)?"
_INDEX = (r"(?: ?(?:_ ?\{? ?[a-zA-Z](?: ?= ?\d)? ?\}?(?: ?\^ ?\{? ?[a-zA-Z0-9]+ ?\}?)?"
          r"|\^ ?\{? ?[a-zA-Z0-9]+ ?\}? ?_ ?\{? ?[a-zA-Z](?: ?= ?\d)? ?\}?|[ᵢⱼₖ]))?")
_SQUARE = r"(?:\^ ?\{? ?2 ?\}?|²|\*\*2)"
_OPEN_NORM, _CLOSE_NORM = r"(?:\\\||\|\||‖|\\lVert|\\Vert)", r"(?:\\\||\|\||‖|\\rVert|\\Vert)"


def _weight_sums(stem: str) -> list[tuple[re.Pattern, str]]:
    """Patterns of the sums over the weights whose names start with ``stem``."""
    w = rf"{re.escape(stem)}(?: ?_ ?\{{? ?[a-zA-Z] ?\}}?|[ᵢⱼₖ]|\[[a-zA-Z]\])?(?![A-Za-z0-9])"
    left, right = r"(?:\\left ?\(|\()", r"(?:\\right ?\)|\))"
    bar_l, bar_r = r"(?:\\left ?\||\|)", r"(?:\\right ?\||\|)"
    return [
        (re.compile(rf"{_OPEN_NORM} ?{w} ?{_CLOSE_NORM} ?(?:_ ?\{{? ?2 ?\}}?|₂)? ?{_SQUARE}"),
         _SQUARES),
        (re.compile(rf"{_OPEN_NORM} ?{w} ?{_CLOSE_NORM} ?(?:_ ?\{{? ?1 ?\}}?|₁)"), _ABSOLUTES),
        (re.compile(rf"{_SIGMA}{_INDEX} ?(?:{left} ?{w} ?{_SQUARE} ?{right}"
                    rf"|{left} ?{w} ?{right} ?{_SQUARE}|{w} ?{_SQUARE})"), _SQUARES),
        (re.compile(rf"{_SIGMA}{_INDEX} ?(?:{bar_l} ?{w} ?{bar_r}|abs ?\( ?{w} ?\))"),
         _ABSOLUTES),
    ]


_LAMBDA = re.compile(r"\\lambda(?![A-Za-z])|λ|\blambda\b")


def with_strength(text: str, strength) -> tuple[str, bool]:
    r"""The text with λ written as the penalty's strength (in brackets), and whether it had λ.

    >>> with_strength(r"\frac{\lambda}{m} w", sympy.Rational(1, 10))
    ('\\frac{(1/10)}{m} w', True)
    """
    if strength is None or not _LAMBDA.search(text):
        return text, False
    return _LAMBDA.sub(lambda m: _factor(text, m.start(), f"({strength})"), text), True


def _factor(text: str, at: int, value: str) -> str:
    """``value`` to stand at ``at``: with a × before it where a factor ends just before (the
    Python-style reader refuses a/b c, not a/b*c)."""
    before = text[:at].rstrip()
    if looks_like_latex(text) or not before or not re.search(r"[\w)\]]$", before):
        return value
    return "*" + value


def _marked(text: str, strength, weights) -> tuple[str, bool]:
    """The term with λ and every sum over the weights replaced by stand-ins."""
    text, marked = with_strength(text, strength)
    stem = _stem(weights)
    if stem is None:
        return text, marked
    latex = looks_like_latex(text)
    for pattern, name in _weight_sums(stem):
        def stand_in(match, name=name, text=text):
            return "\\" + name if latex else _factor(text, match.start(), name)
        text, count = pattern.subn(stand_in, text)
        marked = marked or count > 0
    return text, marked


def _binary(text: str, k: int) -> bool:
    """Whether the sign at ``k`` is a binary + or − (not a sign after an operator, nor 1e-5)."""
    before = text[:k].rstrip()
    if not before or before[-1] in "+-−*/^_([{=,·" or before.endswith(("\\cdot", "\\times")):
        return False
    return not re.search(r"\d[eE]$", text[:k])


def top_terms(text: str) -> list[str]:
    """The terms of the text at the top level, each with its sign.

    >>> top_terms("(a + b)^2 - |c - d| + 2")
    ['(a + b)^2', '- |c - d|', '+ 2']
    """
    terms, start, depth, bars, norms = [], 0, 0, 0, 0
    for k, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "|":
            bars += 1
        elif char == "‖":
            norms += 1
        elif char in "+-−" and depth == 0 and not bars % 2 and not norms % 2 and \
                k > start and _binary(text, k):
            terms.append(text[start:k])
            start = k
    terms.append(text[start:])
    return [t.strip() for t in terms if t.strip()]


# A mean in front of one bracket, 1/(2m) [Σ … + λ Σ w²]: the bracket is opened at ``open``.
_MEAN_BRACKET = re.compile(
    r"^(?P<sign>[-−]?) ?(?P<mean>\\frac ?\{ ?1 ?\} ?\{ ?\d* ?m ?\}"
    r"|\( ?1 ?/ ?\(? ?\d* ?\*? ?m ?\)? ?\)|1 ?/ ?\( ?\d* ?\*? ?m ?\)|1 ?/ ?m)"
    r" ?(?P<times>\*|·|\\cdot)? ?(?P<open>\\left ?[\[(]|[\[(])")


def _in_one_bracket(text: str) -> tuple[str, str, list[str]] | None:
    """(sign, mean, terms inside) of ``mean [terms]`` filling the whole text, else None."""
    match = _MEAN_BRACKET.match(text)
    if match is None:
        return None
    depth = 0
    for k in range(match.end() - 1, len(text)):
        depth += text[k] in "([{"
        depth -= text[k] in ")]}"
        if depth == 0:
            break
    else:
        return None
    if k != len(text) - 1:
        return None
    inner = re.sub(r"\\right ?$", "", text[match.end():k])
    return match["sign"], match["mean"], top_terms(inner)


def split_penalty(answer, *, strength, weights, params) -> Split:
    """The answer's data part and its penalty (see the module's docstring).

    ``strength`` is the loss's λ (None when the loss has no penalty: λ is then left as typed),
    ``weights`` the weights a sum over "w" means, ``params`` the model's parameters.
    """
    if not isinstance(answer, str) or len(answer) > MAX_LENGTH:
        return Split(answer, S.Zero)
    flat = " ".join(answer.split())
    bracket = _in_one_bracket(flat)
    sign, mean, terms = bracket if bracket else ("", "", top_terms(flat))
    m = symbol("m")
    allowed = set(params) | {m, symbol(_SQUARES), symbol(_ABSOLUTES)}
    data, penalty, typed = [], S.Zero, []
    for term in terms:
        value = _penalty_term(term, strength, weights, params, allowed, sign, mean,
                              alone=len(terms) == 1, whole=flat)
        if value is None:
            data.append(term)
        else:
            penalty += value
            typed.append(term)
    if not typed:
        return Split(answer, S.Zero)
    body = " ".join(data).lstrip("+ ")
    if body and mean:
        body = f"{sign}{mean} {body}"
    sums = {symbol(_SQUARES): sympy.Add(*[w**2 for w in weights]),
            symbol(_ABSOLUTES): sympy.Add(*[sympy.Abs(w) for w in weights])}
    return Split(body, penalty.xreplace(sums), " ".join(typed).lstrip("+ "))


def _penalty_term(term, strength, weights, params, allowed, sign, mean, alone, whole):
    """The term read as a penalty, or None when it is part of the data term."""
    typed = term.lstrip("+ ")
    text, marked = _marked(typed, strength, weights)
    if alone and not marked:
        return None
    if mean:  # inside 1/(2m) [ … ]: the mean multiplies this term too
        text = (f"{sign}{mean}\\left({text}\\right)" if looks_like_latex(text + mean)
                else f"{sign}{mean}*({text})")
        typed = whole
    try:
        value, _ = read(text, allowed)
    except (ParseError, NotAnAnswer) as e:
        if not marked:
            return None
        if isinstance(e, ParseError):  # quoted as typed: λ, not the number read for it
            raise ParseError(str(e).replace(repr(text), repr(typed))) from None
        raise
    # Unmarked, a term is the penalty when it has only weights and m (the penalty's 1/m): a
    # w²/2 alone is a term of an expanded ℓ, such as (w + b·x − y)²/2.
    m = symbol("m")
    free = value.free_symbols - {symbol(_SQUARES), symbol(_ABSOLUTES)}
    if marked or (m in free and free <= set(params) | {m} and free & set(weights)):
        return value
    return None
