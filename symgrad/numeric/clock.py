"""The budget of a descent: its size checked before it starts, its time as it goes.

Gradient descent runs in this process (its result holds compiled NumPy functions, which do
not travel between processes), so instead of a budgeted child it watches a clock — of CPU
time, as every budget counts (:mod:`symgrad.runtime.budget`): a loaded machine does not cut a
training short — started at the first step (compiling the formulas is bounded by their size,
not by the steps): every step looks at it, and past the budget the descent stops with
:class:`TooExpensive` naming the step it reached.  Before it starts, a number of steps whose
loss history alone would pass the memory budget is refused, and a compiled (numba) run that
cannot look at the clock inside its loop runs only when one timed step says the whole run fits
in the time left.  A run without a tolerance (which could end it early) that has stepped for a
second stops as soon as the pace of its steps so far needs more than 1.25 × the time left,
saying how long the whole run would take: a step count far beyond the budget is told after a
second of steps, one a little beyond it later (the pace of the first steps varies).

Why a descent's default budget (:data:`DESCENT_SECONDS`, 300 s) is larger than the 10 s of
every other entry point: elsewhere the budget guards against work nobody can foresee (a
formula whose derivative or stationary points blow up), and 10 s is long for a formula.  A
descent's work is what was asked for — so many steps, each costing what the first ones cost —
and training for a minute or two is normal; its budget only guards against a step count
nobody meant, which the pace check above catches within a second or two.  (On the command line
the budget of ``symgrad fit`` also holds deriving and compiling: numba's compiler alone took
14 s on a loaded machine.)  ``timeout=``, ``--timeout`` or ``SYMGRAD_TIMEOUT`` set it.
"""

from __future__ import annotations

import os
import time

from ..errors import TooExpensive, said
from ..runtime.budget import Budget, describe

#: Bytes one step adds to the history (a list entry and a float object).
BYTES_PER_STEP = 32
#: Seconds a descent (and ``symgrad fit``, compiling included) may take when no budget is
#: given: many steps are long by nature, but never endless (see the module's docstring).
DESCENT_SECONDS = 300.0
#: Seconds of stepping after which the pace is judged, and by how much the steps left may
#: need more than the time left before the run stops (the pace of the first steps varies).
PACE_AFTER, PACE_SLACK = 1.0, 1.25
#: Seconds between looks at the clock, about (a run stops at most a few of them late).
LOOK = 0.002


def descent_budget(timeout=None) -> Budget:
    """The budget of a descent: ``timeout`` (seconds or a Budget), else ``SYMGRAD_TIMEOUT``
    if set, else :data:`DESCENT_SECONDS` with the default memory.

    >>> descent_budget(2).seconds, descent_budget().seconds == DESCENT_SECONDS or None
    (2.0, True)
    """
    if timeout is not None or os.environ.get("SYMGRAD_TIMEOUT"):
        return Budget.of(timeout)
    return Budget(DESCENT_SECONDS, Budget.default().memory_mb)


class Clock:
    """The time and memory budget of one descent of ``steps`` steps on ``subject``.

    >>> clock = Clock(Budget(seconds=5), 100, "w*x")
    >>> clock.check(1)
    >>> clock.started = (clock.started[0] - 2, 1)  # as if step 1 was 2 s ago: at 1 s a
    >>> clock.deadline -= 2  # step, 97 more steps need 97 s of the 3 s left
    >>> clock.check(3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    symgrad.errors.TooExpensive: undecided: fitting 'w*x' is too expensive to decide: at the pace of steps 1 to 3 (1 s a step), 100 steps would take about 100 s, more than the ... s left of the time budget; give fewer steps, a tolerance (tol=) or a larger time budget (--timeout, timeout=)
    >>> Clock(Budget(seconds=5, memory_mb=1), 10**9, "w*x")
    Traceback (most recent call last):
    ...
    symgrad.errors.TooExpensive: undecided: fitting 'w*x' is too expensive to decide: 1,000,000,000 steps keep 1,000,000,001 values of J (about 30,518 MB), more than the memory budget of 1 MB; give fewer steps
    """  # noqa: E501 - a doctest's expected output is one line

    def __init__(self, budget: Budget, steps: int, subject, *, pace: bool = True):
        self.budget, self.steps = budget, steps
        self.what = describe("fitting", subject)
        self.deadline: float | None = None  # set at the first step: compiling is not stepping
        self.started: tuple[float, int] | None = None  # (when, step) the clock started
        #: Whether the pace is judged (not when a tolerance may end the run early, nor for
        #: the shorter runs tried after the main one).
        self.pace = pace
        # Reading a CPU clock costs about a microsecond, as much as a small step: the clock is
        # looked at every `stride` steps, doubled while looks come less than LOOK / 2 apart.
        self._stride, self._skip, self._looked = 1, 0, None
        need = (steps + 1) * BYTES_PER_STEP / 2**20
        if need > budget.memory_mb:
            raise TooExpensive(self.what, budget.seconds, reason=said(
                "err.clock.history-too-large", steps, steps + 1, round(need), budget.memory_mb))

    def check(self, step: int) -> None:
        """Raise TooExpensive, naming ``step``, once the time is up, or once the pace of the
        steps so far needs far more than the time left."""
        if self._skip > 0:
            self._skip -= 1
            return
        now, deadline = time.process_time(), self._deadline()
        if self._looked is not None:
            gap = now - self._looked
            if gap < LOOK / 2 and self._stride < 1024:
                self._stride *= 2
            elif gap > 2 * LOOK and self._stride > 1:
                self._stride //= 2
        self._looked, self._skip = now, self._stride - 1
        if self.started is None:
            self.started = (now, step)
        if now > deadline:
            raise TooExpensive(self.what, self.budget.seconds, reason=said(
                "err.clock.out-of-time", step, self.steps))
        since, first = self.started
        if self.pace and now - since >= PACE_AFTER and step > first:
            each = (now - since) / (step - first)
            if each * (self.steps - step) > PACE_SLACK * (deadline - now):
                raise TooExpensive(self.what, self.budget.seconds, reason=said(
                    "err.clock.pace", first, step, _duration(each), self.steps,
                    _duration(each * self.steps), _duration(deadline - now)))

    def watching(self, callback):
        """``callback`` (or nothing) with a look at the clock before it, after every step."""
        def watched(step, J):
            self.check(step)
            if callback is not None:
                callback(step, J)

        return watched

    def affords(self, one_step) -> bool:
        """Whether the remaining steps fit in the time left, judged by timing ``one_step()``
        (a fused loop is faster per step than one step called alone; the first call may
        compile it, so the second is timed)."""
        one_step()
        started = time.process_time()
        one_step()
        each = time.process_time() - started
        return started + each * self.steps < self._deadline()

    def _deadline(self) -> float:
        if self.deadline is None:
            self.deadline = time.process_time() + self.budget.seconds
        return self.deadline


def _duration(seconds: float) -> str:
    """Seconds in SI units, as every language writes them.

    >>> _duration(0.0000423), _duration(0.5), _duration(12.34), _duration(7200.4)
    ('42.3 µs', '500 ms', '12.3 s', '7,200 s')
    """
    for below, scale, unit in ((0.001, 1e6, "µs"), (1, 1e3, "ms"), (100, 1, "s")):
        if seconds < below:
            return f"{seconds * scale:.3g} {unit}"
    return f"{round(seconds):,} s"
