"""Checking many answers at once: on every core of this machine, or on a Dask cluster.

:func:`results` takes the distinct (problem, answer) tasks of a class and yields each task's
outcome — ``(status, expected, message)`` — in the tasks' order, however many run at a time:

* ``jobs=1``: one after another in this process, each in its own budgeted child (the checker's
  budget, :mod:`symgrad.runtime.budget`);
* ``jobs=N``: N at a time, each still in its own budgeted child process, forked from this
  thread and watched together (:mod:`symgrad.runtime.many`; in a process with threads, such as
  the web server, started by the fork server instead);
* ``scheduler=``: a ``dask.distributed`` cluster (its address ``tcp://host:8786``, a
  ``Client``, or ``"local"`` for a ``LocalCluster`` of this machine's cores): the tasks are
  cut into partitions, each partition graded by a worker (every answer under its budget inside
  that worker), and the outcomes gathered in order.  The problems are read once, here, and
  shipped once to every worker (``Client.scatter(…, broadcast=True)``), exactly as read.

A verdict is a function of the answer only (budgets are CPU time), so every way gives the
same outcomes.

>>> from symgrad.parsing.core import parse, symbol
>>> problem = (parse("x^2"), symbol("x"))
>>> [r[0] for r in results([(problem, "2x"), (problem, "x")], timeout=10, jobs=2)]
['right', 'wrong']
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, Sequence

from ..errors import ParseError, TooExpensive, said
from ..i18n.language import current, language
from ..i18n.values import formula
from ..losses import Loss
from ..runtime.budget import within_budget
from ..runtime.child import dumps
from ..runtime.many import each_within_budget
from .cluster import client_for
from .core import budget_for
from .derivative import check_derivative
from .loss import check_gradient, check_loss

__all__ = ["grade_one", "grade_partition", "results"]

#: Answers per Dask partition (about a second of work on one core).
PARTITION = 32


def grade_one(problem, answer: str, timeout) -> tuple[str, str, object]:
    """The outcome of one answer to a read problem ``(expression, variable)``: its status, the
    expected derivative as text, and the message (the checker's, or why it was not graded).

    >>> from symgrad.parsing.core import parse, symbol
    >>> grade_one((parse("x^3"), symbol("x")), "3x^2", 10)[:2]
    ('right', '3·x²')
    """
    try:  # reading, checking and writing the expected derivative: all within the row's budget
        return within_budget(_graded, problem, answer, budget=budget_for(timeout), what=_WHAT)
    except TooExpensive as e:
        return _not_graded(e)


_WHAT = "checking this answer"


def _not_graded(e: TooExpensive) -> tuple[str, str, object]:
    return "not graded", "", said("check.by-hand", e.args[0])


def _graded(problem, answer: str) -> tuple[str, str, object]:
    expr, wrt = problem
    try:
        if isinstance(expr, Loss):  # a loss problem: the loss (or cost J), or a gradient
            verdict = check_loss(expr, answer) if wrt is None else \
                check_gradient(expr, wrt, answer)
        else:
            verdict = check_derivative(expr, wrt, answer)
    except ParseError as e:
        return "unreadable", "", str(e)
    except Exception as e:  # noqa: BLE001 - one answer must never stop the class
        return "not graded", "", str(said("grade.checker-failed", type(e).__name__, e))
    if verdict.expected is None:  # past the time budget: not graded, and said so
        return "not graded", "", verdict.message
    message = verdict.message
    if verdict.reading:
        message = said("check.read-paren", message, verdict.reading)
    return verdict.status, str(formula(verdict.expected)), message


def results(tasks: Sequence[tuple], *, timeout=None, jobs: int = 1,
            scheduler=None) -> Iterator[tuple[str, str, object]]:
    """The outcome of every ``(problem, answer)`` task, in order (see the module docstring)."""
    if scheduler is not None:
        return _on_dask(tasks, timeout, scheduler)
    if jobs <= 1:
        return (grade_one(problem, answer, timeout) for problem, answer in tasks)
    outcomes = each_within_budget(_graded, tasks, jobs=jobs, budget=budget_for(timeout),
                                  what=_WHAT)
    return (_not_graded(o) if isinstance(o, TooExpensive) else o for o in outcomes)


def grade_partition(part: list[tuple[int, str]], problems: bytes, timeout,
                    lang: str) -> list[tuple[str, str, str]]:
    """On a Dask worker: the outcomes of ``part`` (problem number, answer), each answer under
    its budget; ``problems`` as :func:`symgrad.runtime.child.dumps` made it (read once by the
    client).

    >>> from symgrad.parsing.core import parse, symbol
    >>> grade_partition([(0, "2x")], dumps([(parse("x^2"), symbol("x"))]), 10, "en")
    [('right', '2·x', 'Right.')]
    """
    read = pickle.loads(problems)
    with language(lang):  # worded here, in the client's language
        return [tuple(str(v) for v in grade_one(read[k], answer, timeout)) for k, answer in part]


def _on_dask(tasks, timeout, scheduler) -> Iterator[tuple]:
    problems, part = [], []
    index: dict[int, int] = {}
    for problem, answer in tasks:
        if id(problem) not in index:
            index[id(problem)] = len(problems)
            problems.append(problem)
        part.append((index[id(problem)], answer))
    with client_for(scheduler) as client:
        [shipped] = client.scatter([dumps(problems)], broadcast=True)
        parts = [part[i:i + PARTITION] for i in range(0, len(part), PARTITION)]
        futures = client.map(grade_partition, parts, problems=shipped, timeout=timeout,
                             lang=current(), pure=False)
        try:
            for future, chunk in zip(futures, parts):  # in order; the later ones run meanwhile
                try:
                    yield from future.result()
                except Exception as e:  # noqa: BLE001 - a worker lost: these rows, not the class
                    failed = str(said("grade.checker-failed", type(e).__name__, e))
                    yield from [("not graded", "", failed)] * len(chunk)
        finally:
            client.cancel(futures)
