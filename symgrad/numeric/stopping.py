"""When a descent stops: one rule for every loop that descends.

Four loops run gradient descent: a formula model's NumPy loop and exact descent
(:mod:`.descent`), a network's NumPy loop (:mod:`.network`), and the numba loops generated for
both (:mod:`.fused`, :mod:`.fused_net`).  Each evaluates J at θ₀, θ₁, … and, after every
evaluation and before the update, asks :func:`verdict`:

* ``DIVERGED``: J is inf or NaN, or past the limit (at step 0 any finite J passes, after it
  J may grow to :data:`EXPLOSION`·(1 + |J₀|));
* ``STEPS``: this J is the one after the last step asked for;
* ``TOLERANCE``: |J_k − J_{k−1}| ≤ tol, from k = 1 on (no tolerance is tol < 0);
* ``GO``: update θ and evaluate again.

The Python loops are :func:`descend_loop`; the numba loops are :data:`LOOP`, the same loop as
source, filled in by each generator and calling :func:`verdict` and :func:`next_limit`
themselves, compiled by numba (:func:`compiled_rule`).  So every backend stops at the same step
for the same reason, and ``Fit.stopped`` names it.  The budget's clock is looked at after every
update by the callback of the Python loops (:meth:`.clock.Clock.watching`); a numba loop cannot
look at it and runs only when a timed step says it fits (:meth:`.clock.Clock.affords`).
"""

from __future__ import annotations

import sys

#: The verdicts of :func:`verdict`.
GO, STEPS, TOLERANCE, DIVERGED = 0, 1, 2, 3
#: What ``Fit.stopped`` says for each verdict.
REASONS = ("", "steps", "tolerance", "diverged")

#: J growing past this multiple of (1 + J₀) counts as exploding.
EXPLOSION = 1e10

#: The limit J is held to before J₀ is known: any finite float passes, inf and NaN do not.
FIRST_LIMIT = sys.float_info.max


def verdict(k, steps, J, before, tol, limit) -> int:
    """Whether the descent goes on after evaluating J at θ_k (``before`` is J at θ_{k−1}).

    >>> verdict(3, 10, 0.5, 0.7, -1.0, 1e10) == GO, verdict(10, 10, 0.5, 0.7, -1.0, 1e10) == STEPS
    (True, True)
    >>> verdict(3, 10, 0.5, 0.5, 1e-9, 1e10) == TOLERANCE, verdict(0, 10, 0.5, 0.5, 1e-9, 1e10)
    (True, 0)
    >>> verdict(3, 10, float("nan"), 0.5, -1.0, 1e10) == DIVERGED
    True
    """
    if not abs(J) <= limit:
        return DIVERGED
    if k == steps:
        return STEPS
    if tol >= 0.0 and k > 0 and abs(before - J) <= tol:
        return TOLERANCE
    return GO


def next_limit(k, J, limit, explosion=EXPLOSION):
    """The limit on J after step k: set from J₀ at step 0, then kept.

    >>> next_limit(0, 2.0, FIRST_LIMIT, 10.0), next_limit(1, 5.0, 30.0, 10.0)
    (30.0, 30.0)
    """
    return explosion * (1.0 + abs(J)) if k == 0 else limit


def tolerance(tol):
    """``tol`` as :func:`verdict` takes it: None (no tolerance) is −1.

    >>> tolerance(None), tolerance(1e-9)
    (-1.0, 1e-09)
    """
    return -1.0 if tol is None else tol


def descend_loop(evaluate, update, steps: int, tol, diverged, callback=None,
                 first_limit=FIRST_LIMIT) -> tuple[list, str]:
    """(history, reason it stopped) of a descent run in Python.

    ``evaluate(k)`` gives J at θ_k; ``update(k)`` moves θ_k to θ_{k+1}; ``diverged(J, k,
    history)`` raises the error naming the cause when J fails the limit; ``callback(k + 1, J)``
    is called after every update.

    >>> theta = [4.0]
    >>> def update(k):
    ...     theta[0] -= 0.25 * 2 * theta[0]  # J = θ², α = 1/4: θ halves
    >>> descend_loop(lambda k: theta[0] ** 2, update, 10, 0.5, None)
    ([16.0, 4.0, 1.0, 0.25, 0.0625], 'tolerance')
    """
    history, limit, tol = [], first_limit, tolerance(tol)
    for k in range(steps + 1):
        J = evaluate(k)
        reason = verdict(k, steps, J, history[-1] if history else J, tol, limit)
        if reason == DIVERGED:
            diverged(J, k, history)
        history.append(J)
        if reason != GO:
            return history, REASONS[reason]
        limit = next_limit(k, J, limit)
        update(k)
        if callback is not None:
            callback(k + 1, J)
    raise AssertionError("unreachable: the verdict at k = steps is STEPS")


#: :func:`descend_loop` as numba source, for the generated loops: ``{evaluate}`` is the call
#: that gives (J, gradient) at step k, ``{update}`` the indented lines that step the
#: parameters with the gradient ``g``; after the loop, ``history[:k + 1]``, ``k`` and
#: ``reason`` say where and why it stopped.  Its names are :func:`compiled_rule`'s.
LOOP = '''    history = numpy.empty(steps + 1)
    limit = FIRST_LIMIT
    reason = GO
    k = 0
    for k in range(steps + 1):
        J, g = {evaluate}
        reason = verdict(k, steps, J, history[k - 1] if k > 0 else J, tol, limit)
        history[k] = J
        if reason != GO:
            break
        limit = next_limit(k, J, limit, explosion)
{update}'''


def loop_source(evaluate: str, update: str) -> str:
    """:data:`LOOP` with its two holes filled.

    >>> print(loop_source("step(theta)", "        theta = theta - lr * g\\n").splitlines()[5])
            J, g = step(theta)
    """
    return LOOP.replace("{evaluate}", evaluate).replace("{update}", update)


def compiled_rule(jit) -> dict:
    """The names :data:`LOOP` uses, the rule's functions compiled by ``jit``.

    >>> sorted(compiled_rule(lambda f: f))
    ['FIRST_LIMIT', 'GO', 'next_limit', 'verdict']
    """
    return {"verdict": jit(verdict), "next_limit": jit(next_limit), "GO": GO,
            "FIRST_LIMIT": FIRST_LIMIT}
