"""The budget of a descent: its size checked before it starts, its time as it goes.

Gradient descent runs in this process (its result holds compiled NumPy functions, which do
not travel between processes), so instead of a budgeted child it watches a clock, started at
the first step (compiling the formulas is bounded by their size, not by the steps): every step
looks at it, and past the budget the descent stops with :class:`TooExpensive` naming the step
it reached.  Before it starts, a number of steps whose loss history alone would pass the
memory budget is refused, and a compiled (numba) run that cannot look at the clock inside its
loop runs only when one timed step says the whole run fits in the time left.
"""

from __future__ import annotations

import os
import time

from ..errors import TooExpensive, said
from ..runtime.budget import Budget, describe

#: Bytes one step adds to the history (a list entry and a float object).
BYTES_PER_STEP = 32
#: Seconds a descent (and ``symgrad fit``, compiling included) may take when no budget is
#: given: many steps are long by nature, but never endless.
DESCENT_SECONDS = 300.0


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
    >>> Clock(Budget(seconds=5, memory_mb=1), 10**9, "w*x")
    Traceback (most recent call last):
    ...
    symgrad.errors.TooExpensive: undecided: fitting 'w*x' is too expensive to decide: 1,000,000,000 steps keep 1,000,000,001 values of J (about 30,518 MB), more than the memory budget of 1 MB; give fewer steps
    """  # noqa: E501 - a doctest's expected output is one line

    def __init__(self, budget: Budget, steps: int, subject):
        self.budget, self.steps = budget, steps
        self.what = describe("fitting", subject)
        self.deadline: float | None = None  # set at the first step: compiling is not stepping
        need = (steps + 1) * BYTES_PER_STEP / 2**20
        if need > budget.memory_mb:
            raise TooExpensive(self.what, budget.seconds, reason=said(
                "err.clock.history-too-large", steps, steps + 1, round(need), budget.memory_mb))

    def check(self, step: int) -> None:
        """Raise TooExpensive, naming ``step``, once the time is up."""
        if time.monotonic() > self._deadline():
            raise TooExpensive(self.what, self.budget.seconds, reason=said(
                "err.clock.out-of-time", step, self.steps))

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
        started = time.monotonic()
        one_step()
        each = time.monotonic() - started
        return started + each * self.steps < self._deadline()

    def _deadline(self) -> float:
        if self.deadline is None:
            self.deadline = time.monotonic() + self.budget.seconds
        return self.deadline
