"""Who may start a budgeted child, and with what budget: a server's slots and deadline.

A server bounds how many budgeted children run at once (the web page's gate, ``symgrad serve
--slots``) and when a request must be answered.  Most of its work is one budgeted call the
gate makes itself; grading a class starts one budgeted child per answer, from a pool of
threads, deep inside the checker.  Such work runs inside :func:`admitted_by`: every budgeted
child started in that context (:func:`symgrad.runtime.budget.within_budget`), and in the
threads that copy the context (the grading pool does), is first admitted by the server —
it waits for a free slot, gets a budget that ends by the request's deadline, and gives the
slot back when it ends.  Outside such a context nothing changes.

>>> from contextlib import contextmanager
>>> @contextmanager
... def counted(budget, what):
...     print("admitting", what)
...     yield budget
>>> with admitted_by(counted):
...     with admitted("a budget", "checking") as granted:
...         granted
admitting checking
'a budget'
>>> with admitted("a budget", "checking") as granted:  # no admission asked for
...     granted
'a budget'
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["admitted", "admitted_by", "in_force"]

_ADMIT: ContextVar = ContextVar("symgrad_admit", default=None)


@contextmanager
def admitted_by(admit):
    """Inside this block, every budgeted child is started inside ``admit(budget, what)``, a
    context manager that yields the budget the child gets (or raises TooExpensive)."""
    token = _ADMIT.set(admit)
    try:
        yield
    finally:
        _ADMIT.reset(token)


def in_force() -> bool:
    """Whether budgeted children started here must be admitted first (by :func:`admitted_by`).

    >>> in_force()
    False
    """
    return _ADMIT.get() is not None


@contextmanager
def admitted(budget, what: str):
    """The budget a child about to start gets: ``budget`` itself unless :func:`admitted_by`
    is in force."""
    admit = _ADMIT.get()
    if admit is None:
        yield budget
        return
    with admit(budget, what) as granted:
        yield granted
