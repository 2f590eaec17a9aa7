"""Shared helpers for the tests: real symbols, and the oracles gradients are held to."""

import os
import shutil

import numpy as np
import pytest
import sympy
from hypothesis import settings

# In CI the property tests draw the same examples every run: a run must not pass or fail by
# luck. Locally they explore new examples each time.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def real(names):
    """Real symbols, as symgrad makes them."""
    out = sympy.symbols(names, real=True)
    return out


def central_difference(f, point, h=1e-6):
    """∂f/∂pᵢ at a point by central differences: the numeric oracle for every gradient."""
    point = np.asarray(point, dtype=float)
    grad = np.empty_like(point)
    for i in range(len(point)):
        e = np.zeros_like(point)
        e[i] = h
        grad[i] = (f(point + e) - f(point - e)) / (2 * h)
    return grad


def require_tool(name):
    """Skip when an external tool is missing, except in CI, where that is a failure."""
    if shutil.which(name):
        return
    if os.environ.get("SYMGRAD_REQUIRE_TOOLS"):
        pytest.fail(f"{name} is required in CI but is not installed")
    pytest.skip(f"{name} is not installed")


@pytest.fixture
def generous_budget(monkeypatch):
    """Verdicts, not the time budget, under test (tests/test_check_budget.py tests the budget):
    a loaded machine must not turn a right answer undecided."""
    monkeypatch.setenv("SYMGRAD_TIMEOUT", "60")


@pytest.fixture
def cli(capsys):
    """Run the `symgrad` command in-process; returns (exit code, stdout, stderr)."""
    from symgrad.cli.main import main

    def run(*argv):
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run
