"""Imported once by the budgets' fork server (see :mod:`symgrad.forkserver`): loads what the
first derivation and the first check load lazily, so that every child starts with it loaded.

>>> import symgrad.warm
"""

from . import budget, check_derivative, derive


def warm() -> None:
    """Derive and check once in this process (budgets run directly meanwhile)."""
    inside, budget._IN_CHILD = budget._IN_CHILD, True
    try:
        derive("x**2 + sin(x)").text()
        check_derivative("x**2", "x", "2*x").text()
    except Exception:  # noqa: BLE001 - only a warm-up
        pass
    finally:
        budget._IN_CHILD = inside


if __name__ == "__mp_main__" or "multiprocessing.forkserver" in __import__("sys").modules:
    warm()
