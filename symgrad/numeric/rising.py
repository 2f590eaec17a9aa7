"""A descent whose loss goes up says so: where J went, the likely cause, and an α that works.

Gradient descent with a step size α too large overshoots the minimum: J grows step after step
(``w*x`` on y = 2x with α = 0.3 goes from J = 15 to 8.5·10⁸ in 40 steps) without ever
becoming infinite, so nothing else stops it.  A fit is *rising* when J ends above where it
started, or when it rose in :data:`RISING_RUN` consecutive steps.  The descent is then tried
again from the same start with α halved, a few times, over at most :data:`PROBE_STEPS` steps;
the first α under which J no longer rises is reported with the warning.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..errors import Said, TooExpensive, said

__all__ = ["PROBE_STEPS", "RISING_RUN", "Rise", "RisingLossWarning", "rise_of"]

#: This many rises of J in a row make a fit rising even if it ends below its start.
RISING_RUN = 10
#: Halvings of α tried, and the steps of each try (fewer when the fit itself was shorter).
HALVINGS, PROBE_STEPS = 12, 200


class RisingLossWarning(UserWarning):
    """A fit whose loss rose: J ended above its start, or rose for many steps in a row."""


@dataclass(frozen=True)
class Rise:
    """How J rose during a fit, and the learning rate under which it no longer does.

    ``start`` and ``end`` are J before the first step and after the last, ``run`` the most
    consecutive rises (ending at step ``run_end``), ``lr`` the α used and ``calmer`` the
    first α/2ᵏ under which a probe descent did not rise (None if none of the ``tried`` did).

    >>> r = Rise(15.0, 8.5e8, 40, 40, 40, 0.3, 0.075, 2)
    >>> print(r.message())
    J rose from 15 to 8.5e+08 over 40 steps (it rose in 40 steps in a row): the learning rate α = 0.3 is likely too large; with α = 0.075 J no longer rises
    """  # noqa: E501 - a doctest's expected output is one line

    start: float
    end: float
    steps: int
    run: int
    run_end: int
    lr: object
    calmer: object | None
    tried: int = 0

    def message(self) -> Said:
        """The warning, in the language in force."""
        went = said("fit.rose", _g(self.start), _g(self.end), self.steps) if self.end > self.start \
            else said("fit.rose-for", self.run, self.run_end, _g(self.start), _g(self.end))
        run = said("fit.rose-run", self.run) if self.end > self.start and self.run > 1 else ""
        cure = said("fit.calmer", _g(self.calmer)) if self.calmer is not None \
            else said("fit.no-calmer", self.tried) if self.tried else said("fit.no-time")
        return said("fit.rising", went, run, _g(self.lr), cure)

    def __str__(self) -> str:
        return str(self.message())


def rise_of(history) -> tuple[bool, int, int]:
    """(rising?, longest run of consecutive rises, the step that run ends at) of a J history.

    >>> rise_of([15, 3, 1, 0.5])
    (False, 0, 0)
    >>> rise_of([15, 20, 90, 400])
    (True, 3, 3)
    >>> rise_of([9, 1] + list(range(2, 13)) + [0])
    (True, 11, 12)
    """
    values = np.array(history, dtype=float)  # a C loop: a million steps take milliseconds
    rises = np.concatenate(([0], (np.diff(values) > 0).astype(np.int8), [0]))
    edges = np.diff(rises)  # +1 where a run of rises starts, −1 where it ends
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    best, best_end = 0, 0
    if len(starts):
        k = int(np.argmax(ends - starts))
        best, best_end = int(ends[k] - starts[k]), int(ends[k])
    ended_above = len(values) > 1 and values[-1] > values[0]
    return bool(ended_above or best >= RISING_RUN), best, best_end


def examine(history, lr, probe: Callable[[object], list]) -> Rise | None:
    """The Rise of a finished fit (None if J did not rise), with ``probe(α)`` — the J history
    of the same descent under α — tried at α/2, α/4, … to find one under which J does not rise.

    >>> examine([1.0, 0.5], 0.1, None) is None
    True
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     rise = examine([1.0, 4.0, 9.0], 1.0, lambda a: [1.0, 0.5] if a <= 0.25 else [1.0, 2.0])
    >>> rise.calmer, caught[0].category.__name__
    (0.25, 'RisingLossWarning')
    """
    rising, run, run_end = rise_of(history)
    if not rising:
        return None
    calmer, alpha, tried = None, lr, 0
    for _ in range(HALVINGS):
        alpha = alpha / 2
        try:
            probed = probe(alpha)
        except TooExpensive:  # the fit's own time is up: say what is known
            break
        except (ArithmeticError, ValueError):  # diverged, or exact numbers grew too long
            tried += 1
            continue
        tried += 1
        if not rise_of(probed)[0]:
            calmer = alpha
            break
    rise = Rise(float(history[0]), float(history[-1]), len(history) - 1, run, run_end, lr,
                calmer, tried)
    warnings.warn(RisingLossWarning(str(rise)), stacklevel=3)
    return rise


def _g(value) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return str(value)
    return f"{number:.4g}" if math.isfinite(number) else str(number)
