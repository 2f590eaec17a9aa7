"""A short version of benchmarks/web_load.py: a few users at once never wait past the budget."""

import importlib.util
import os
from pathlib import Path

import pytest

if not os.environ.get("SYMGRAD_REQUIRE_TOOLS"):
    pytest.importorskip("flask")
    pytest.importorskip("waitress")

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "web_load.py"


def _load():
    spec = importlib.util.spec_from_file_location("web_load", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_six_users_for_six_seconds_get_answers_within_the_budget():
    """Cheap and expensive requests together: each answers within budget + margin, no errors."""
    load = _load()
    budget, margin = 5, 3
    records, memory = load.run(users=6, seconds=6, budget=budget, slots=4)
    kinds = {kind for _, kind, _ in records}
    assert records and "error" not in kinds, kinds
    assert max(t for _, _, t in records) <= budget + margin
    assert "too expensive" in kinds or len(records) < 6  # the expensive ones say so
    assert memory and max(memory) < 4000
    assert load.report(records, memory, budget, margin, 4000)
