"""The fork server's warm-up: one derivation and one check in the server, so that every budgeted
child it forks starts with what they load lazily already loaded (parsers, rule tables,
printers).  The server imports it by name after :mod:`symgrad.runtime.warm`
(:data:`symgrad.runtime.forkserver.PRELOAD`); anywhere else importing it does nothing.

>>> from symgrad.runtime.warm import in_fork_server
>>> in_fork_server()
False
"""

from . import check_derivative, derive
from .runtime import child
from .runtime.warm import in_fork_server


def warm() -> None:
    """Derive and check once in this process (budgets run directly meanwhile).

    >>> warm()
    """
    inside, child.IN_CHILD = child.IN_CHILD, True
    try:
        derive("x**2 + sin(x)").text()
        check_derivative("x**2", "x", "2*x").text()
    except Exception:  # noqa: BLE001 - only a warm-up
        pass
    finally:
        child.IN_CHILD = inside


if in_fork_server():
    warm()
