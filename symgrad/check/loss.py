r"""Checking a per-sample gradient ∂ℓ/∂θ and a loss ℓ(f, y), the batch form (1/m) Σ included.

>>> from symgrad import Model, mse
>>> loss = mse(Model("w*x + b", inputs="x"))
>>> check_loss(loss, "sum (f - y)^2/2").hint
'forgot 1/m'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy
from sympy import Abs, S, Symbol

from ..calculus.derive import derive
from ..errors import cat, said
from ..i18n.keys import LOSSES, N_
from ..i18n.language import formula
from ..losses import Loss
from ..parsing.core import symbol
from ..parsing.grammar import MAX_LENGTH
from ..penalty import M, penalty_for
from .core import budgeted, foreign_note, not_an_answer, read, verdict
from .equality import agree
from .hints import HINTS, ratio_hint
from .penalised import split_penalty, with_strength
from .reading import NotAnAnswer
from .verdict import Verdict

__all__ = ["check_gradient", "check_loss", "read_loss_answer"]


def _prediction_map(loss: Loss) -> dict[Symbol, sympy.Expr]:
    return dict(zip(loss.predictions, loss.model.output_exprs, strict=True))


def _param(loss: Loss, param) -> Symbol:
    p = symbol(param)
    if p not in loss.params:
        names = ", ".join(s.name for s in loss.params)
        raise ValueError(said('err.loss.not-parameter-model-its', p, names))
    return p


def check_gradient(loss: Loss, param, claimed, *, timeout: float | None = None) -> Verdict:
    r"""Is ``claimed`` the per-sample gradient ∂ℓ/∂param of ``loss``?

    The answer may use the model's symbols, the target y, and f for the model's output
    (it is replaced by the model's formula before comparing).

    >>> from symgrad import Model, mse
    >>> loss = mse(Model("w*x + b", inputs="x"))
    >>> check_gradient(loss, "w", "(f - y)*x").ok
    True
    >>> check_gradient(loss, "w", "(y - f)*x").hint
    'sign'

    The batch gradient (1/m) Σᵢ …, Python or LaTeX, is an answer too: its per-sample term is
    compared (a sum without its 1/m is not the mean).

    >>> check_gradient(loss, "w", r"\frac{1}{m}\sum_{i=1}^{m}(w x_i+b-y_i)x_i").ok
    True
    """
    task = said("check.param-task", param, said(LOSSES[loss.name]))
    return budgeted(_check_gradient, loss, param, claimed, timeout=timeout, task=task,
                    claimed=claimed)


def _check_gradient(loss: Loss, param, claimed) -> Verdict:
    p = _param(loss, param)
    task = said("check.gradient-task", p, formula(loss.sample), said(LOSSES[loss.name]))
    allowed = _gradient_symbols(loss)
    try:
        answer, reading, lam, batch, mean = _read_gradient(loss, claimed)
    except NotAnAnswer as reason:
        return not_an_answer(task, derive(loss, wrt=[p]).gradient[p], claimed, reason)
    expected = derive(loss, wrt=[p]).gradient[p]
    unpenalised, expected = expected, expected + _penalty_term(loss, p)
    notes = [said("check.read-mean-gradient") if mean else said("check.read-sum-gradient")
             ] if batch else []
    if lam:
        notes.append(said("check.read-lambda", formula(loss.penalty.strength)))
    notes.append(foreign_note(answer, allowed - set(loss.predictions) | {M}))
    note = cat(*_spaced([n for n in notes if n]))
    result = verdict(task, expected, answer, function=loss.sample, wrt=p, note=note,
                     reading=reading)
    hint = _penalty_slip(loss, p, answer, unpenalised) if result.ok is False and \
        expected != unpenalised and result.counterexample is not None else None
    if hint is not None:
        message = cat(said("check.wrong", result.counterexample), said("check.hint", hint))
        return Verdict(False, task, expected, answer, message, result.counterexample,
                       "penalty", reading=reading)
    return _as_mean(result, batch, mean)


def _as_mean(result: Verdict, batch: bool, mean: bool) -> Verdict:
    """``result``, but wrong when a sum over the samples (``batch``) without its 1/m (not
    ``mean``) is right only as a sum: the mean (1/m)·Σ is what is asked for."""
    if batch and not mean and result.ok is True:
        message = said("check.forgot-mean", HINTS["forgot 1/m"])
        return replace(result, ok=False, message=message, hint="forgot 1/m")
    return result


def _gradient_symbols(loss: Loss) -> set:
    allowed = set(loss.sample.free_symbols) | set(loss.params) | set(loss.predictions)
    return allowed | {symbol("m")} if loss.penalty is not None else allowed


def _read_gradient(loss: Loss, claimed):
    """(answer with f replaced, reading, λ read?, a batch sum?, with 1/m?) of a gradient."""
    lam = False
    if isinstance(claimed, str) and loss.penalty is not None and len(claimed) <= MAX_LENGTH:
        claimed, lam = with_strength(claimed, loss.penalty.strength)
    text, batch, mean = _per_sample(claimed)
    answer, reading = read(text, _gradient_symbols(loss))
    if lam and isinstance(reading, str):  # the reading quotes λ as typed
        reading = reading.replace(f"({loss.penalty.strength})", "λ")
    answer = answer.xreplace(_prediction_map(loss))
    if loss.penalty is not None:  # m: the number of samples, a whole number ≥ 1
        answer = answer.xreplace({symbol("m"): M})
    return answer, reading, lam, batch, mean


def read_loss_answer(loss: Loss, claimed: str, param=None) -> tuple[sympy.Expr, str | None]:
    """How the checker reads an answer to ``loss``: the cost ℓ (+ its penalty), or with
    ``param`` the gradient ∂ℓ/∂param — the reading :func:`check_loss` and
    :func:`check_gradient` compare (the web page's preview shows it).

    >>> from symgrad import Model, mse
    >>> read_loss_answer(mse(Model("w*x", inputs="x"), l2="1/10"), "(f - y)^2/2 + λ/(2m)·w^2")
    ((f - y)**2/2 + w**2/(20*m), None)
    """
    if param is not None:
        return _read_gradient(loss, claimed)[:2]
    cost = _read_cost(loss, claimed)
    return cost.answer + cost.penalty, cost.reading


@dataclass(frozen=True)
class _Cost:
    """A claimed cost as the checker reads it: its data part ``answer`` (f replaced when the
    model's symbols are used), its ``penalty`` (m a whole number), and how it was read."""

    answer: sympy.Expr
    penalty: sympy.Expr
    reading: str | None
    typed: str
    batch: bool
    mean: bool
    substituted: bool
    data: object


def _read_cost(loss: Loss, claimed) -> _Cost:
    penalty = loss.penalty
    split = split_penalty(claimed, strength=penalty.strength if penalty else None,
                          weights=_weights(loss), params=loss.params)
    text, batch, mean = _per_sample(split.data)
    model_symbols = set(loss.model.inputs) | set(loss.params)
    allowed = set(loss.predictions) | set(loss.targets) | model_symbols
    answer, reading = read(text, allowed) if text != "" else (S.Zero, None)
    substituted = bool(answer.free_symbols & model_symbols)
    if substituted:
        answer = answer.xreplace(_prediction_map(loss))
    return _Cost(answer, split.penalty.xreplace({symbol("m"): M}), reading, split.typed, batch,
                 mean, substituted, split.data)


# The batch cost, read on text whose white space is collapsed to single spaces (so that no
# run of optional spaces can make the expression backtrack): −(1/m) Σ …, 1/(2m) Σ …,
# \frac{1}{2m}\sum_{i=1}^{m} …, or Σ … with no mean at all.  ``k`` is the number before m
# (J = (1/(k·m)) Σ … means ℓ = (1/k)·…), ``body`` the summand.
_BATCH_RE = re.compile(
    r"^(?P<sign>[-−]?) ?(?P<mean>\( ?1 ?/ ?\(? ?(?P<k1>\d*) ?\*? ?m ?\)? ?\)"
    r"|1 ?/ ?\(? ?(?P<k2>\d*) ?\*? ?m ?\)?|\\frac ?\{ ?1 ?\} ?\{ ?(?P<k3>\d*) ?m ?\})?"
    r" ?(?:\*|·|\\cdot)? ?(?:Σ|\\sum|sum\b)"
    r" ?(?:_\{? ?i ?= ?1 ?\}? ?\^\{? ?m ?\}?|\^\{? ?m ?\}? ?_\{? ?i ?= ?1 ?\}?|[ᵢ_]i?)? ?"
    r"(?P<body>.+)$",
    re.DOTALL,
)
_SAMPLE_OUTPUT_RE = re.compile(
    r"\bf ?\( ?x ?(?:_\{?i\}?|\[i\]|\^\{?\(i\)\}?)? ?\)")
_SAMPLE_INDEX_RE = re.compile(r"\b([A-Za-z])(?:_\{i\}|_i\b|\[i\]|\^\{\(i\)\}|\^\(i\))")


def _per_sample(answer) -> tuple[object, bool, bool]:
    """(per-sample term, written as a batch sum?, with its 1/m?) of an answer."""
    if not isinstance(answer, str) or len(answer) > MAX_LENGTH:
        return answer, False, False  # the parser refuses over-long text with its own message
    match = _BATCH_RE.match(" ".join(answer.split()))
    if match is None:
        return answer, False, False
    body = _SAMPLE_INDEX_RE.sub(r"\1", _SAMPLE_OUTPUT_RE.sub("f", match["body"]))
    body = body.replace("[", "(").replace("]", ")")
    if "\\" not in body:
        # Written like the article, "f log(y)": a space between factors means a product here.
        body = re.sub(r"(?<=[\w)]) (?=[A-Za-z(])", "*", body)
    k = match["k1"] or match["k2"] or match["k3"] or ""
    if k:
        body = f"\\frac{{{body}}}{{{k}}}" if "\\" in body or "{" in body else f"({body})/{k}"
    return (f"-({body})" if match["sign"] else body), True, match["mean"] is not None


def _penalty_slip(loss: Loss, p: Symbol, answer, unpenalised):
    """The hint when ∂ℓ/∂p is right and the penalty's term is missing or wrong, else None."""
    term = _penalty_term(loss, p)
    if agree(answer, unpenalised):
        return said("hint.penalty-missing", formula(term), p)
    gap = answer - unpenalised
    if sympy.count_ops(gap) <= 200:
        gap = sympy.expand(gap)
    if gap != 0 and gap.free_symbols <= set(loss.params) | {M}:
        return said("hint.penalty-term-wrong", p, formula(term), formula(gap))
    return None


def _penalty_term(loss: Loss, p: Symbol) -> sympy.Expr:
    """∂P/∂p of the loss's penalty (0 without one); m is a whole number ≥ 1."""
    if loss.penalty is None:
        return S.Zero
    return loss.penalty.derivative(p)


def _swapped(loss: Loss) -> sympy.Expr:
    swap = {**dict(zip(loss.predictions, loss.targets, strict=True)),
            **dict(zip(loss.targets, loss.predictions, strict=True))}
    return loss.template.xreplace(swap)


def check_loss(loss: Loss, claimed, *, timeout: float | None = None) -> Verdict:
    """Is ``claimed`` the per-sample loss ℓ of ``loss``, written with f (prediction), y (label)?

    An answer that uses the model's own symbols is compared with the loss with the model
    substituted.  The batch form −(1/m) Σ … (Python or LaTeX, with f(x_i), y_i) is accepted:
    its per-sample term is compared; a sum without its 1/m is not the mean.

    >>> from symgrad import Model, bce, mae
    >>> model = Model("sigmoid(w*x)", inputs="x")
    >>> v = check_loss(bce(model), "-(f*log(y) + (1-f)*log(1-y))")
    >>> v.ok, v.hint
    (False, 'swapped')
    >>> check_loss(mae(model), "sqrt((f-y)^2)").ok
    True
    """
    return budgeted(_check_loss, loss, claimed, timeout=timeout, task=_loss_task(loss),
                    claimed=claimed)


def _check_loss(loss: Loss, claimed) -> Verdict:
    task = _loss_task(loss)
    allowed = set(loss.predictions) | set(loss.targets) | set(loss.model.inputs) | \
        set(loss.params)
    try:
        cost = _read_cost(loss, claimed)
    except NotAnAnswer as reason:
        return not_an_answer(task, loss.template, claimed, reason)
    answer, reading, substituted = cost.answer, cost.reading, cost.substituted
    batch, mean, claimed_penalty = cost.batch, cost.mean, cost.penalty
    sample = loss.sample if substituted else loss.template
    # m is the number of samples (a whole number ≥ 1), also in the answer's penalty.
    owed = loss.penalty.expr if loss.penalty else S.Zero
    expected, claimed_total = sample + owed, answer + claimed_penalty
    notes = []
    if batch:
        notes.append(said("check.read-mean") if mean else said("check.read-sum"))
    if cost.typed:
        notes.append(said("check.read-penalty", cost.typed, formula(claimed_penalty)))
    abs_on_a_side = sample.has(Abs) or answer.has(Abs)
    if abs_on_a_side and _mentions_sqrt(cost.data) != _mentions_sqrt(loss.template):
        notes.append(said("check.same-abs"))
    notes.append(foreign_note(claimed_total, allowed | ({M} if owed else set())))
    note = cat(*_spaced([n for n in notes if n]))

    def swapped_hint(_total):
        if owed != claimed_penalty and agree(answer, sample):  # ℓ right, the penalty not
            if claimed_penalty == 0:
                return "penalty", said("hint.loss-penalty-missing", formula(owed))
            if owed == 0:
                return "penalty", said("hint.loss-no-penalty", formula(claimed_penalty))
            return "penalty", said("hint.loss-penalty-wrong", formula(owed),
                                   formula(claimed_penalty))
        swapped = _swapped(loss)
        if substituted:
            swapped = swapped.xreplace(_prediction_map(loss))
        if not agree(swapped, sample) and agree(swapped, answer):
            return "swapped", said("hint.swapped", formula(loss.template))
        return ratio_hint(sample, answer)

    result = verdict(task, expected, claimed_total, note=note, extra_hint=swapped_hint,
                     reading=reading)
    return _as_mean(result, batch, mean)


def _weights(loss: Loss) -> tuple:
    """The weights a sum over w in an answer means: the penalised ones (by default every
    parameter but the biases, when the loss has no penalty)."""
    if loss.penalty is not None:
        return loss.penalty.weights
    return penalty_for(loss.params, l2=0).weights


#: A penalty's kind → its words ("L2 penalty λ/(2m)·Σ w²").
_PENALTY_NOTES = {"l2": N_("note.penalty-l2"), "l1": N_("note.penalty-l1")}


def _loss_task(loss: Loss):
    """What is asked: ℓ of the loss, or with a penalty the cost J."""
    name = said(LOSSES[loss.name])
    if loss.penalty is None:
        return said("check.loss-task", name)
    return said("check.cost-task", name, said(_PENALTY_NOTES[loss.penalty.kind]),
                formula(loss.penalty.strength))


def _spaced(parts: list) -> list:
    """The parts with a space between each two, as " ".join would put it."""
    return [piece for k, part in enumerate(parts) for piece in ((" ", part) if k else (part,))]


def _mentions_sqrt(value) -> bool:
    if isinstance(value, str):
        return "sqrt" in value or "√" in value
    return isinstance(value, sympy.Basic) and any(
        p.exp == S.Half for p in value.atoms(sympy.Pow))
