r"""The homework checker: is a derivative, a gradient, a loss or a descent step right?

A verdict must be trustworthy, so equality is decided exactly and never by floating point:

* a *counterexample* is an exact rational point where the two sides differ, shown either by
  exact arithmetic or by a high-precision evaluation that SymPy certifies (``strict=True``);
* a *proof* is ``simplify(expected − claimed) == 0`` (or ``Expr.equals``), tried only after
  no counterexample was found and only on expressions of bounded size.

With neither, ``Verdict.ok`` is None and the message says so: an answer is never called right
because it merely agrees at a few points.  Numbers typed in an answer are exact (1e-13 is
10⁻¹³), so 3x² + 1e-13 is not 3x².

>>> v = check_derivative("2x^2 - 12x + 20", "x", "4x + 12")
>>> v.ok, v.hint
(False, 'constant')
>>> v.counterexample.point, v.counterexample.expected, v.counterexample.claimed
({x: 1}, -8, 16)
>>> check_derivative("2x^2 - 12x + 20", "x", "4(x - 3)").ok
True
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sympy
from sympy import Abs, Heaviside, Rational, S, Symbol, sign
from sympy.core.evalf import PrecisionExhausted

from .derive import derive
from .errors import ParseError
from .functions import relu, sigmoid
from .losses import Loss
from .parsing import parse, symbol
from .render.document import Explainable
from .render.latex import latex as expr_latex
from .render.latex import text_words
from .render.text import text as expr_text

__all__ = [
    "Counterexample",
    "Verdict",
    "check_derivation",
    "check_derivative",
    "check_gradient",
    "check_loss",
    "check_step",
    "decide",
]

#: simplify is skipped above this many operations: it can take minutes on large expressions.
SIMPLIFY_LIMIT = 300
#: Candidate points tried in search of a counterexample, and how many defined ones suffice.
TRIES = 24
ENOUGH = 10
#: Significant digits of a certified evaluation when exact arithmetic does not settle it.
DIGITS = 50
SEED = 20240601

_WHAT = "the claimed answer"
# Small values first, so that a counterexample reads well; (0, 1) for logs of probabilities.
_NICE = [Rational(v) for v in ("1", "2", "1/2", "1/3", "3", "-1", "2/3", "-2", "1/4", "5/2")]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Counterexample:
    """An exact point (Symbol → Rational) where the expected and claimed values differ.

    >>> x = sympy.Symbol("x", real=True)
    >>> Counterexample({x: 1}, -8, 16).text()
    'at x = 1: expected −8, claimed 16'
    """

    point: dict[Symbol, sympy.Rational]
    expected: sympy.Expr
    claimed: sympy.Expr

    def text(self) -> str:
        """One line: the point and both values there."""
        where = ", ".join(f"{s} = {expr_text(v)}" for s, v in self.point.items())
        lead = f"at {where}: " if where else ""
        return f"{lead}expected {_value_text(self.expected)}, claimed {_value_text(self.claimed)}"

    def latex(self) -> str:
        """The point and both values as a LaTeX fragment."""
        where = ",\\ ".join(f"{expr_latex(s)} = {expr_latex(v)}" for s, v in self.point.items())
        values = f"{expr_latex(self.expected)} \\neq {expr_latex(self.claimed)}"
        return f"{where}:\\ {values}" if where else values

@dataclass(frozen=True)
class Verdict(Explainable):
    """Whether an answer is right, and why.

    * ``ok``: True (proved equal), False (a counterexample exists) or None (undecided);
    * ``task``: what was asked, e.g. ``d/dx (x³)``;
    * ``expected``, ``claimed``: expressions (for :func:`check_step`, dicts variable → value;
      for :func:`check_derivation`, ``claimed`` is the tuple of lines as read);
    * ``counterexample``: a :class:`Counterexample` for a wrong answer, when one is known;
    * ``message``: what is wrong (or why it is right after all), with a hint;
    * ``hint``: the category of a recognised slip (``"power rule"``, ``"chain rule"``,
      ``"sign"``, ``"factor"``, ``"constant"``, ``"1/m"``, ``"product rule"``,
      ``"quotient rule"``, ``"exp as power"``, ``"sigmoid"``, ``"tanh"``, ``"swapped"``,
      ``"added gradient"``, ``"forgot lr"``, ``"gradient at new point"``, ...) or None;
    * ``first_wrong``: for :func:`check_derivation`, the first wrong line (else None);
    * ``parts``: for :func:`check_step`, one Verdict per variable.

    There is deliberately no ``__bool__``: ``if verdict:`` would hide the undecided case.
    """

    ok: bool | None
    task: str
    expected: object
    claimed: object
    message: str
    counterexample: Counterexample | None = None
    hint: str | None = None
    first_wrong: int | None = None
    parts: dict[Symbol, Verdict] = field(default_factory=dict)

    @property
    def status(self) -> str:
        """``right``, ``wrong`` or ``undecided``."""
        return {True: "right", False: "wrong", None: "undecided"}[self.ok]

    def text(self) -> str:
        """A few lines of Unicode: the verdict, the task, both answers and the message."""
        lines = [f"{self.status}: {self.task}"]
        lines += [f"  claimed:  {line}" for line in _shown(self.claimed)]
        lines += [f"  expected: {line}" for line in _shown(self.expected)]
        if self.counterexample is not None:
            lines.append(f"  {self.counterexample.text()}")
        lines.append(f"  {self.message}")
        return "\n".join(lines)

    def latex(self) -> str:
        r"""An amsmath ``align*`` body: the verdict, both answers and the message."""
        rows = [rf"&\text{{{self.status}: {_latex_text(self.task)}}}"]
        rows.append(rf"\text{{claimed}} &= {_latex_of(self.claimed)}")
        rows.append(rf"\text{{expected}} &= {_latex_of(self.expected)}")
        if self.counterexample is not None:
            rows.append(rf"&{self.counterexample.latex()}")
        rows.append(rf"&\text{{{_latex_text(self.message)}}}")
        return " \\\\\n".join(rows)

    def document(self):
        """The outline that to_latex, to_beamer and to_markdown render."""
        from .render.explain import verdict_document

        return verdict_document(self)

    def __str__(self) -> str:
        return self.text()


def _value_text(value) -> str:
    if isinstance(value, sympy.Expr) and not value.is_Rational and value.is_number:
        return f"{expr_text(value)} ≈ {expr_text(sympy.N(value, 6))}"
    return expr_text(value)


def _shown(value) -> list[str]:
    if isinstance(value, Mapping):
        return [", ".join(f"{k} = {_value_text(v)}" for k, v in value.items())]
    if isinstance(value, tuple):
        return [f"[{k}] {_line_text(v)}" for k, v in enumerate(value)]
    return [expr_text(value)]


def _line_text(line: sympy.Expr) -> str:
    if isinstance(line, sympy.Derivative) and len(line.variables) == 1:
        return f"d/d{line.variables[0]} ({expr_text(line.expr)})"
    return expr_text(line)


def _latex_of(value) -> str:
    if isinstance(value, Mapping):
        return ",\\ ".join(f"{expr_latex(k)} = {expr_latex(v)}" for k, v in value.items())
    if isinstance(value, tuple):
        return " = ".join(expr_latex(v) for v in value)
    return expr_latex(value)


def _latex_text(message: str) -> str:
    return text_words(message)


# --------------------------------------------------------------------------- deciding equality


@dataclass(frozen=True)
class _Comparison:
    ok: bool | None
    counterexample: Counterexample | None = None
    note: str = ""
    agreed: int = 0


def _compare(expected, claimed, *, tries: int = TRIES, simplify_limit: int = SIMPLIFY_LIMIT,
             seed: int = SEED) -> _Comparison:
    """Decide exactly whether two expressions are equal: counterexample first, then a proof."""
    expected, claimed = _ready(expected), _ready(claimed)
    if expected == claimed:
        return _Comparison(True)
    agreed = 0
    for point in _points(expected, claimed, tries, seed):
        outcome = _differ_at(expected, claimed, point)
        if isinstance(outcome, Counterexample):
            return _Comparison(False, outcome)
        if outcome:
            agreed += 1
            if agreed >= ENOUGH:
                break
    proof = _prove_equal(expected, claimed, simplify_limit)
    if proof is not None:
        return _Comparison(True, note=proof, agreed=agreed)
    if agreed:
        note = (f"the two agree at {agreed} exact point(s) tested, but equality could not be "
                "proved, so this is not confirmed")
    else:
        note = ("no test point was found where both sides are defined and real, and equality "
                "could not be proved")
    return _Comparison(None, note=note, agreed=agreed)


def _ready(expr) -> sympy.Expr:
    expr = sympy.sympify(expr)
    if expr.has(sympy.Derivative):
        expr = expr.doit()
    return expr


def _points(a: sympy.Expr, b: sympy.Expr, tries: int, seed: int) -> Iterable[dict]:
    names = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    if not names:
        yield {}
        return
    rng = random.Random(seed)
    for k in range(tries):
        if k < 4:
            yield {s: _NICE[(k + 2 * i) % len(_NICE)] for i, s in enumerate(names)}
        else:
            yield {s: _random_rational(rng, k) for s in names}


def _random_rational(rng: random.Random, k: int) -> sympy.Rational:
    q = rng.randint(2, 9)
    if k % 2:  # inside (0, 1), where the logarithms of probabilities are defined
        return Rational(rng.randint(1, q - 1), q)
    return Rational(rng.randint(-4 * q, 4 * q), q)


def _numeric_form(expr: sympy.Expr) -> sympy.Expr:
    # sigmoid and relu have exact closed forms; evalf certifies those better.
    return expr.replace(sigmoid, lambda u: 1 / (1 + sympy.exp(-u))).replace(
        relu, lambda u: sympy.Max(0, u))


def _value_at(expr: sympy.Expr, point: dict) -> sympy.Expr | None:
    """The exact value at a point, or None where it is undefined, infinite or not real."""
    try:
        value = _numeric_form(expr).xreplace(point)
        if value.has(sympy.Derivative):
            value = value.doit()
        if value.free_symbols or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo, sympy.I):
            return None
        approx = value.evalf(15)
    except (ArithmeticError, ValueError, TypeError):
        return None
    if not (approx.is_Number and approx.is_finite and approx.is_real):
        return None
    return value


def _differ_at(expected, claimed, point) -> Counterexample | bool | None:
    """A Counterexample if the values differ there, True if equal, None if not decided."""
    e, c = _value_at(expected, point), _value_at(claimed, point)
    if e is None or c is None:
        return None
    difference = e - c
    if difference == 0:
        return True
    if not difference.is_Rational:
        try:
            approx = difference.evalf(DIGITS, strict=True)
        except (PrecisionExhausted, ArithmeticError, ValueError, TypeError):
            return None
        if not (approx.is_Number and approx.is_real and approx != 0):
            return None
    # Shown as written (σ(1), not its exp form), though decided on the exact closed form.
    return Counterexample(point, _shown_at(expected, point, e), _shown_at(claimed, point, c))


def _shown_at(expr: sympy.Expr, point: dict, value: sympy.Expr) -> sympy.Expr:
    shown = expr.xreplace(point)
    return shown if shown.is_number else value


def _prove_equal(expected, claimed, limit: int) -> str | None:
    """"" (proved), a note (equal except where undefined), or None (no proof found)."""
    difference = _numeric_form(expected - claimed)
    if sympy.count_ops(difference) > limit:
        return None
    # u/|u| is how a student writes sign(u); the two differ only at u = 0.
    unsigned = _without_sign(difference)
    forms = [(difference, "")]
    if unsigned != difference:
        forms.append((unsigned, _SIGN_NOTE))
    for form, note in forms:
        proof = _simplifies_to_zero(form)
        if proof is not None:
            return note or proof
    try:  # the slowest attempt last
        return "" if difference.equals(0) is True else None
    except Exception:  # noqa: BLE001 - a failed attempt is simply no proof
        return None


def _simplifies_to_zero(form: sympy.Expr) -> str | None:
    for simplifier in (sympy.expand, sympy.cancel, sympy.simplify):
        try:
            reduced = simplifier(form)
        except Exception:  # noqa: BLE001 - a failed attempt is simply no proof
            continue
        if reduced == 0:
            return ""
        if _zero_where_defined(reduced):
            return _SIGN_NOTE
    return None


_SIGN_NOTE = ("u/|u| is sign(u) wherever u ≠ 0; at u = 0 neither the derivative nor u/|u| "
              "exists")


def _without_sign(expr: sympy.Expr) -> sympy.Expr:
    return expr.replace(sign, lambda u: u / Abs(u)).replace(
        Heaviside, lambda u, *h: (1 + u / Abs(u)) / 2)


def _zero_where_defined(expr: sympy.Expr) -> bool:
    return isinstance(expr, sympy.Piecewise) and all(
        value == 0 or value is S.NaN for value, _ in expr.args) and any(
        value == 0 for value, _ in expr.args)


def _agree(a, b, tries: int = 8) -> bool:
    """Heuristic sameness, for hints only: equal at every defined test point (at least two)."""
    a, b = _ready(a), _ready(b)
    seen = 0
    for point in _points(a, b, tries, SEED + 1):
        outcome = _differ_at(a, b, point)
        if isinstance(outcome, Counterexample):
            return False
        seen += outcome is True
    return seen >= 2 or (seen >= 1 and not (a.free_symbols | b.free_symbols))


# --------------------------------------------------------------------------- classic slips


def _slip_diff(e: sympy.Expr, x: Symbol, slip: str) -> sympy.Expr:
    """d e/dx computed with one classic mistake made everywhere it can be made."""
    if not e.has(x):
        return S.Zero
    if e == x:
        return S.One
    if e.is_Add:
        return sympy.Add(*[_slip_diff(t, x, slip) for t in e.args])
    if e.is_Mul:
        return _slip_product(e, x, slip)
    if e.is_Pow:
        return _slip_power(e, x, slip)
    if isinstance(e, sympy.Function) and len(e.args) == 1:
        u = e.args[0]
        # Who treats eᵘ as a power treats the whole exponent u as the "n": no chain factor.
        dropped = slip in ("chain rule", "exp as power") and u != x
        inner = S.One if dropped else _slip_diff(u, x, slip)
        return _slip_outer(e, u, slip) * inner
    return sympy.diff(e, x)


def _slip_product(e: sympy.Expr, x: Symbol, slip: str) -> sympy.Expr:
    const = sympy.Mul(*[a for a in e.args if not a.has(x)])
    factors = [a for a in e.args if a.has(x)]
    if len(factors) == 1:
        return const * _slip_diff(factors[0], x, slip)
    num = sympy.Mul(*[a for a in factors if not _is_reciprocal(a)])
    den = sympy.Mul(*[1 / a for a in factors if _is_reciprocal(a)])
    if slip == "quotient rule" and num.has(x) and den.has(x):
        return const * (num * _slip_diff(den, x, slip) - _slip_diff(num, x, slip) * den) / den**2
    if slip == "product rule":
        return const * sympy.Mul(*[_slip_diff(a, x, slip) for a in factors])
    first, rest = factors[0], sympy.Mul(*factors[1:])
    return const * (_slip_diff(first, x, slip) * rest + first * _slip_diff(rest, x, slip))


def _is_reciprocal(a: sympy.Expr) -> bool:
    return a.is_Pow and a.exp.is_negative is True


def _slip_power(e: sympy.Expr, x: Symbol, slip: str) -> sympy.Expr:
    base, n = e.args
    if n.has(x):
        if base == sympy.E or not base.has(x):
            if slip == "exp as power":
                return n * base ** (n - 1)
            outer = e * sympy.log(base)
            inner = S.One if slip == "chain rule" and n != x else _slip_diff(n, x, slip)
            return outer * inner
        return sympy.diff(e, x)
    if slip == "power rule":
        outer = base ** (n - 1)
    elif slip == "power rule (exponent)":
        outer = n * base**n
    else:
        outer = n * base ** (n - 1)
    inner = S.One if slip == "chain rule" and base != x else _slip_diff(base, x, slip)
    return outer * inner


def _slip_outer(e: sympy.Function, u: sympy.Expr, slip: str) -> sympy.Expr:
    if isinstance(e, sigmoid):
        return e * (1 + e) if slip == "sigmoid" else e * (1 - e)
    if isinstance(e, sympy.tanh):
        return 1 + e**2 if slip == "tanh" else 1 - e**2
    if isinstance(e, sympy.exp) and slip == "exp as power":
        return u * sympy.exp(u - 1)
    t = sympy.Dummy("t", real=True)
    return sympy.diff(e.func(t), t).xreplace({t: u})


_SLIPS = ("power rule", "power rule (exponent)", "chain rule", "product rule", "quotient rule",
          "exp as power", "sigmoid", "tanh")

_HINTS = {
    "power rule": "power rule: d/dx uⁿ = n·uⁿ⁻¹·u′ — the factor n (the old exponent) is missing.",
    "power rule (exponent)": "power rule: d/dx uⁿ = n·uⁿ⁻¹·u′ — the exponent must drop by one.",
    "chain rule": "chain rule: the outer derivative is there, but it must be multiplied by the "
                  "derivative of the inside.",
    "product rule": "product rule: (u·v)′ = u′·v + u·v′, not u′·v′.",
    "quotient rule": "quotient rule: (u/v)′ = (u′·v − u·v′)/v²; the numerator is subtracted "
                     "the other way round (sign swapped).",
    "exp as power": "eᵘ is not a power of u: (eᵘ)′ = eᵘ·u′, not u·eᵘ⁻¹.",
    "sigmoid": "σ′(u) = σ(u)·(1 − σ(u)), not σ(u)·(1 + σ(u)).",
    "tanh": "tanh′(u) = 1 − tanh²(u), not 1 + tanh²(u).",
}


def _slip_hint(function: sympy.Expr | None, wrt: Symbol | None, expected, claimed):
    """(category, sentence) for a recognised classic mistake, or (None, "")."""
    expected, claimed = _ready(expected), _ready(claimed)
    ratio = _bounded_simplify(claimed / expected) if expected != 0 else None
    if function is not None:
        for slip in _SLIPS:
            try:
                wrong = _slip_diff(function, wrt, slip)
            except (TypeError, ValueError, AttributeError):
                continue
            if not _agree(wrong, expected) and _agree(wrong, claimed):
                return slip.split(" (")[0], _HINTS[slip]
    return _ratio_hint(expected, claimed, ratio)


def _ratio_hint(expected, claimed, ratio=None):
    """Hints from claimed/expected being a constant (or 1/m), or their difference a constant."""
    expected, claimed = _ready(expected), _ready(claimed)
    if ratio is None and expected != 0:
        ratio = _bounded_simplify(claimed / expected)
    if ratio is not None and ratio.is_number and ratio != 0:
        if ratio == -1:
            return "sign", "sign error: the claimed answer is exactly −1 times the right one."
        return "factor", _factor_sentence(ratio)
    m = Symbol("m", real=True)
    if ratio is not None and ratio.free_symbols == {m} and not expected.has(m):
        return "1/m", ("the factor 1/m belongs to the cost J, the mean over m samples; the "
                       "per-sample ℓ and its gradient have no 1/m.")
    gap = _bounded_simplify(claimed - expected)
    if gap is not None and gap.is_number and gap != 0:
        return "constant", _constant_sentence(gap)
    return None, ""


def _constant_sentence(gap: sympy.Expr) -> str:
    sentence = f"the claimed answer is off by the constant {expr_text(gap)}"
    if gap.is_Rational and abs(gap) < Rational(1, 1000):
        return sentence + " (numbers are read exactly as typed: 1e-13 is 10⁻¹³, not 0)."
    return sentence + " (a constant term with the wrong sign or value?)."


def _factor_sentence(ratio: sympy.Expr) -> str:
    shown = expr_text(ratio)
    if ratio == 2:
        return ("a factor 2 too many: the claimed answer is twice the right one (did the ½ "
                "of ½(f − y)² get lost?).")
    if ratio == S.Half:
        return ("a factor 2 missing: the claimed answer is half the right one (the 2 from the "
                "power rule?).")
    return f"a constant factor: the claimed answer is {shown} times the right one."


def _bounded_simplify(expr: sympy.Expr) -> sympy.Expr | None:
    expr = _numeric_form(expr)
    if sympy.count_ops(expr) > SIMPLIFY_LIMIT:
        return None
    try:
        return sympy.simplify(expr)
    except Exception:  # noqa: BLE001 - no simplification is no hint
        return None


# --------------------------------------------------------------------------- verdicts


def _verdict(task: str, expected, claimed, *, function=None, wrt=None, note: str = "",
             comparison: _Comparison | None = None, extra_hint=None) -> Verdict:
    """Compare and phrase the verdict; ``function``/``wrt`` let the classic slips be replayed."""
    comparison = comparison or _compare(expected, claimed)
    extra = f" Note: {note}" if note else ""
    if comparison.ok is True:
        why = f" ({comparison.note})" if comparison.note else ""
        return Verdict(True, task, expected, claimed, f"Right{why}.{extra}")
    if comparison.ok is None:
        return Verdict(None, task, expected, claimed,
                       f"Undecided: {comparison.note}; check it by hand.{extra}")
    if extra_hint is not None:
        hint, sentence = extra_hint(claimed)
    else:
        hint, sentence = _slip_hint(function, wrt, expected, claimed)
    message = f"Wrong: {comparison.counterexample.text()}."
    if sentence:
        message += f" Hint: {sentence}"
    return Verdict(False, task, expected, claimed, message + extra, comparison.counterexample,
                   hint)


def _read(answer) -> sympy.Expr:
    return _ready(parse(answer, what=_WHAT))


def _foreign_note(claimed: sympy.Expr, allowed: Iterable[Symbol]) -> str:
    stray = sorted(claimed.free_symbols - set(allowed), key=lambda s: s.name)
    if not stray:
        return ""
    return f"the answer uses {', '.join(s.name for s in stray)}, which the problem does not."


def check_derivative(expr, wrt, claimed) -> Verdict:
    """Is ``claimed`` the derivative of ``expr`` with respect to ``wrt``?

    ``expr`` and ``claimed`` are text (Python syntax or LaTeX) or SymPy expressions; an
    answer that cannot be read raises ParseError.

    >>> check_derivative("x**3", "x", "3x^2 + 1e-13").ok
    False
    >>> v = check_derivative("abs(x - 3)", "x", "(x - 3)/abs(x - 3)")
    >>> v.ok, "u = 0" in v.message
    (True, True)
    """
    function = parse(expr, what="the expression")
    x = symbol(wrt)
    answer = _read(claimed)
    expected = derive(function, wrt=[x]).gradient[x]
    task = f"d/d{x} ({expr_text(function)})"
    note = _foreign_note(answer, function.free_symbols | {x})
    return _verdict(task, expected, answer, function=function, wrt=x, note=note)


def _prediction_map(loss: Loss) -> dict[Symbol, sympy.Expr]:
    return dict(zip(loss.predictions, loss.model.output_exprs, strict=True))


def _param(loss: Loss, param) -> Symbol:
    p = symbol(param)
    if p not in loss.params:
        names = ", ".join(s.name for s in loss.params)
        raise ValueError(f"{p} is not a parameter of the model (its parameters: {names})")
    return p


def check_gradient(loss: Loss, param, claimed) -> Verdict:
    """Is ``claimed`` the per-sample gradient ∂ℓ/∂param of ``loss``?

    The answer may use the model's symbols, the target y, and f for the model's output
    (it is replaced by the model's formula before comparing).

    >>> from symgrad import Model, mse
    >>> loss = mse(Model("w*x + b", inputs="x"))
    >>> check_gradient(loss, "w", "(f - y)*x").ok
    True
    >>> check_gradient(loss, "w", "(y - f)*x").hint
    'sign'
    """
    p = _param(loss, param)
    answer = _read(claimed).xreplace(_prediction_map(loss))
    expected = derive(loss, wrt=[p]).gradient[p]
    task = f"∂ℓ/∂{p} for ℓ = {expr_text(loss.sample)} ({loss.description})"
    allowed = set(loss.sample.free_symbols) | set(loss.params)
    note = _foreign_note(answer, allowed)
    return _verdict(task, expected, answer, function=loss.sample, wrt=p, note=note)


# −(1/m) Σ …, 1/(2m) Σ …, \frac{1}{2m}\sum_{i=1}^{m} …, \sum^{m}_{i=1}: group 2 is the number
# before m (J = (1/(k·m)) Σ … means ℓ = (1/k)·…), group 3 the summand.
_BATCH_RE = re.compile(
    r"^\s*([-−]?)\s*(?:\(\s*1\s*/\s*\(?\s*(\d*)\s*\*?\s*m\s*\)?\s*\)|1\s*/\s*\(?\s*(\d*)\s*\*?\s*m\s*\)?"
    r"|\\frac\{1\}\{\s*(\d*)\s*m\s*\})\s*(?:\*|·|\\cdot)?\s*"
    r"(?:Σ|\\sum|sum)\s*(?:_\{?\s*i\s*=\s*1\s*\}?\s*\^\{?\s*m\s*\}?|\^\{?\s*m\s*\}?\s*_\{?\s*i\s*=\s*1\s*\}?"
    r"|[ᵢ_]i?)?\s*(.+)$",
    re.DOTALL,
)
_SAMPLE_OUTPUT_RE = re.compile(
    r"\bf\s*\(\s*x\s*(?:_\{?i\}?|\[i\]|\^\{?\(i\)\}?)?\s*\)")
_SAMPLE_INDEX_RE = re.compile(r"\b([A-Za-z])(?:_\{i\}|_i\b|\[i\]|\^\{\(i\)\}|\^\(i\))")


def _per_sample(answer) -> tuple[object, bool]:
    """The per-sample term of an answer written as the batch cost −(1/m) Σᵢ …, if it is one."""
    if not isinstance(answer, str):
        return answer, False
    match = _BATCH_RE.match(answer)
    if match is None:
        return answer, False
    sign, *numbers, summand = match.groups()
    body = _SAMPLE_INDEX_RE.sub(r"\1", _SAMPLE_OUTPUT_RE.sub("f", summand))
    body = body.replace("[", "(").replace("]", ")")
    if "\\" not in body:
        # Written like the article, "f log(y)": a space between factors means a product here.
        body = re.sub(r"(?<=[\w)])\s+(?=[A-Za-z(])", "*", body)
    k = next((n for n in numbers if n), "")
    if k:
        body = f"\\frac{{{body}}}{{{k}}}" if "\\" in body or "{" in body else f"({body})/{k}"
    return (f"-({body})" if sign else body), True


def _swapped(loss: Loss) -> sympy.Expr:
    swap = {**dict(zip(loss.predictions, loss.targets, strict=True)),
            **dict(zip(loss.targets, loss.predictions, strict=True))}
    return loss.template.xreplace(swap)


def check_loss(loss: Loss, claimed) -> Verdict:
    """Is ``claimed`` the per-sample loss ℓ of ``loss``, written with f (prediction), y (label)?

    An answer that uses the model's own symbols is compared with the loss with the model
    substituted.  The batch form −(1/m) Σ … (Python or LaTeX, with f(x_i), y_i) is accepted:
    its per-sample term is compared.

    >>> from symgrad import Model, bce, mae
    >>> model = Model("sigmoid(w*x)", inputs="x")
    >>> v = check_loss(bce(model), "-(f*log(y) + (1-f)*log(1-y))")
    >>> v.ok, v.hint
    (False, 'swapped')
    >>> check_loss(mae(model), "sqrt((f-y)^2)").ok
    True
    """
    text, batch = _per_sample(claimed)
    answer = _read(text)
    model_symbols = set(loss.model.inputs) | set(loss.params)
    substituted = bool(answer.free_symbols & model_symbols)
    if substituted:
        answer = answer.xreplace(_prediction_map(loss))
    expected = loss.sample if substituted else loss.template
    notes = []
    if batch:
        notes.append("read as the batch cost J = (1/m) Σᵢ ℓᵢ; its per-sample term ℓ was compared.")
    abs_on_a_side = expected.has(Abs) or answer.has(Abs)
    if abs_on_a_side and _mentions_sqrt(claimed) != _mentions_sqrt(loss.template):
        notes.append("√((f − y)²) and |f − y| are the same function for real f and y.")
    allowed = set(loss.predictions) | set(loss.targets) | model_symbols
    notes.append(_foreign_note(answer, allowed))
    task = f"ℓ(f, y) of the {loss.description}"

    def swapped_hint(answer):
        swapped = _swapped(loss)
        if substituted:
            swapped = swapped.xreplace(_prediction_map(loss))
        if not _agree(swapped, expected) and _agree(swapped, answer):
            return "swapped", ("label and prediction are swapped: the labels y sit inside the "
                               "logarithms; cross-entropy takes the log of the prediction, "
                               f"ℓ = {expr_text(loss.template)}.")
        return _ratio_hint(expected, answer)

    return _verdict(task, expected, answer, note=" ".join(n for n in notes if n),
                    extra_hint=swapped_hint)


def _mentions_sqrt(value) -> bool:
    if isinstance(value, str):
        return "sqrt" in value or "√" in value
    return isinstance(value, sympy.Basic) and any(
        p.exp == S.Half for p in value.atoms(sympy.Pow))


# --------------------------------------------------------------------------- descent steps


def _number(value, what: str) -> sympy.Expr:
    number = _ready(parse(value, what=what))
    if number.free_symbols:
        raise ParseError(f"{what} must be a number, got {expr_text(number)}")
    return number


def _keyed(values: Mapping, what: str) -> dict[Symbol, sympy.Expr]:
    return {symbol(k): _number(v, f"{what} of {k}") for k, v in values.items()}


def _step_setup(expr_or_loss, start: Mapping):
    """(function, variables, data) — data are the fixed values (a loss's one sample)."""
    point = _keyed(start, "the starting value")
    if isinstance(expr_or_loss, Loss):
        loss = expr_or_loss
        needed = [*loss.params, *loss.model.inputs, *loss.targets]
        missing = [s.name for s in needed if s not in point]
        extra = [s.name for s in point if s not in needed]
        if missing or extra:
            raise ValueError(
                "start must give every parameter and one sample's inputs and target "
                f"({', '.join(s.name for s in needed)}); "
                + (f"missing {', '.join(missing)}" if missing else f"unknown {', '.join(extra)}")
            )
        return loss.sample, list(loss.params), point
    function = parse(expr_or_loss, what="the expression")
    stray = function.free_symbols - set(point)
    if stray:
        names = ", ".join(sorted(s.name for s in stray))
        raise ValueError(f"start gives no value for {names}")
    return function, list(point), point


def check_step(expr_or_loss, start: Mapping, lr, claimed: Mapping) -> Verdict:
    """Is ``claimed`` one exact gradient-descent step θ′ = θ − α·∇(θ) from ``start``?

    For a plain expression, the variables are the keys of ``start``.  For a Loss, ``start``
    holds the parameters *and* one sample's inputs and target (e.g. w, b, x, y): the step is
    on that sample's ℓ, and ``claimed`` gives the new parameters only.  Keys are names or
    Symbols; values are numbers or text ("0.1", "3/2"), read exactly.

    >>> v = check_step("x**2", {"x": 3}, "0.1", {"x": "3.6"})
    >>> v.ok, v.hint, v.expected
    (False, 'added gradient', {x: 12/5})
    """
    function, variables, point = _step_setup(expr_or_loss, start)
    alpha = _number(lr, "the learning rate")
    answer = _keyed(claimed, "the claimed value")
    missing = [v.name for v in variables if v not in answer]
    extra = [k.name for k in answer if k not in variables]
    if missing or extra:
        problem = f"no value for {', '.join(missing)}" if missing else f"unknown {', '.join(extra)}"
        raise ValueError(f"the claimed step must give exactly {_names(variables)}: {problem}")
    gradient = {v: sympy.diff(function, v) for v in variables}
    expected = {v: point[v] - alpha * gradient[v].xreplace(point) for v in variables}
    candidates = _step_slips(variables, point, alpha, gradient, expected)
    parts = {}
    for v in variables:
        task = f"{v} after one step"
        parts[v] = _verdict(task, expected[v], answer[v],
                            extra_hint=lambda c, v=v: _step_hint(candidates, v, c))
    task = f"one gradient-descent step from {_point_text(point)} with α = {expr_text(alpha)}"
    return _combine_step(task, parts, expected, {v: answer[v] for v in variables})


def _names(variables) -> str:
    return ", ".join(v.name for v in variables)


def _point_text(point) -> str:
    return ", ".join(f"{k} = {expr_text(v)}" for k, v in point.items())


_STEP_HINTS = {
    "added gradient": "the gradient was added instead of subtracted: θ′ = θ − α·g, not θ + α·g.",
    "forgot lr": "the learning rate α is missing: θ′ = θ − α·g, not θ − g.",
    "gradient at new point": "the gradient was taken at the new point; take it at the "
                             "starting point.",
    "sequential": "the variables were updated one after another; every gradient is taken at "
                  "the starting point, before any variable changes.",
    "change only": "that is the change −α·g; the new value is θ − α·g.",
    "factor": "the gradient used is off by a factor 2 (check the ½ and the power rule).",
}


def _step_slips(variables, point, alpha, gradient, expected):
    """Each classic slip's value for every variable."""
    new_point = {**point, **expected}
    sequential, current = {}, dict(point)
    for v in variables:
        current[v] = current[v] - alpha * gradient[v].xreplace(current)
        sequential[v] = current[v]
    slips = {}
    for v in variables:
        g = gradient[v].xreplace(point)
        slips[v] = {
            "added gradient": point[v] + alpha * g,
            "forgot lr": point[v] - g,
            "gradient at new point": point[v] - alpha * gradient[v].xreplace(new_point),
            "sequential": sequential[v],
            "change only": -alpha * g,
            "factor": (point[v] - 2 * alpha * g, point[v] - alpha * g / 2),
        }
    return slips


def _step_hint(candidates, v, claimed):
    for name, values in candidates[v].items():
        options = values if isinstance(values, tuple) else (values,)
        for value in options:
            if _differ_at(value, claimed, {}) is True:
                return name, _STEP_HINTS[name]
    return None, ""


def _combine_step(task, parts, expected, answer) -> Verdict:
    wrong = [v for v, p in parts.items() if p.ok is False]
    undecided = [v for v, p in parts.items() if p.ok is None]
    if wrong:
        first = parts[wrong[0]]
        message = (f"Wrong: {wrong[0]} should be {_value_text(first.expected)}, not "
                   f"{_value_text(first.claimed)}.")
        if first.hint:
            message += " Hint: " + _STEP_HINTS.get(first.hint, first.message)
        others = [v.name for v in wrong[1:]]
        if others:
            message += f" Also wrong: {', '.join(others)}."
        return Verdict(False, task, expected, answer, message, first.counterexample,
                       first.hint, parts=parts)
    if undecided:
        message = f"Undecided for {_names(undecided)}: {parts[undecided[0]].message}"
        return Verdict(None, task, expected, answer, message, parts=parts)
    return Verdict(True, task, expected, answer, "Right: every variable is correct.",
                   parts=parts)


# --------------------------------------------------------------------------- derivations


def check_derivation(expr, wrt, lines) -> Verdict:
    r"""Is every line of a worked derivative equal to the one before, ending at the derivative?

    Line 0 is the derivative, written as such (``\frac{d}{dx}(x^3)``) or as its value; each
    following line must equal the previous one.  ``first_wrong`` is the first line that
    differs from the line before it, the true derivative counting as the line before line 0
    (so a chain of equal lines that starts wrong has ``first_wrong == 0``).

    >>> v = check_derivation("x^3", "x", [r"\frac{d}{dx}(x^3)", "3x^2", "3x*x", "2x^2"])
    >>> v.ok, v.first_wrong
    (False, 3)
    """
    function = parse(expr, what="the expression")
    x = symbol(wrt)
    if isinstance(lines, str) or not lines:
        raise ValueError("lines must be a non-empty list of expressions")
    written = [parse(line, what=f"line {k}") for k, line in enumerate(lines)]
    _check_first_line(written[0], function, x)
    values = [_ready(line) for line in written]
    truth = derive(function, wrt=[x]).gradient[x]
    task = f"d/d{x} ({expr_text(function)}) in {len(values)} lines"
    undecided = None
    for k, value in enumerate(values):
        before = truth if k == 0 else values[k - 1]
        step = _compare(before, value)
        if step.ok is False:
            return _wrong_line(task, truth, tuple(written), k, step, function, x, before, value)
        if step.ok is None and undecided is None:
            undecided = k
    if undecided is not None:
        message = (f"Undecided: line {undecided} could not be confirmed equal to the line "
                   "before it; no line was shown wrong.")
        return Verdict(None, task, truth, tuple(written), message)
    return Verdict(True, task, truth, tuple(written), "Right: every line follows.")


def _check_first_line(first: sympy.Expr, function: sympy.Expr, x: Symbol) -> None:
    for d in first.atoms(sympy.Derivative):
        variables = [v for v, _ in d.variable_count]
        if variables != [x]:
            raise ValueError(f"line 0 differentiates with respect to {variables}, not {x}")


def _wrong_line(task, truth, written, k, step, function, x, before, value) -> Verdict:
    cex = step.counterexample
    where = ", ".join(f"{s} = {expr_text(v)}" for s, v in cex.point.items())
    if k == 0:
        hint, sentence = _slip_hint(function, x, before, value)
        lead = (f"line 0 is not the derivative: at {where} the derivative is "
                f"{_value_text(cex.expected)}, line 0 is {_value_text(cex.claimed)}.")
        first = written[0]
        if isinstance(first, sympy.Derivative) and not _agree(first.expr, function):
            lead += f" It differentiates {expr_text(first.expr)}, not {expr_text(function)}."
    else:
        hint, sentence = _ratio_hint(before, value)
        lead = (f"line {k} does not equal line {k - 1}: at {where} line {k - 1} is "
                f"{_value_text(cex.expected)}, line {k} is {_value_text(cex.claimed)}.")
    message = f"Wrong: {lead}"
    if sentence:
        message += f" Hint: {sentence}"
    return Verdict(False, task, truth, written, message, cex, hint, first_wrong=k)


def decide(expected, claimed) -> bool | None:
    """Exact equality of two expressions: True (proved), False (counterexample) or None.

    >>> decide("sin(x)^2 + cos(x)^2", "1"), decide("x^2", "x*abs(x)")
    (True, False)
    """
    return _compare(parse(expected), parse(claimed)).ok

