"""Random formulas and answers for the fuzz test and benchmarks/fuzz.py (a fixed seed each).

Each case is one call of the public API, or one ``symgrad grade`` run, on random text; the
fuzzer runs it in a process of its own and records how it ended and how long it took.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import symgrad as sg
from symgrad.errors import DivergenceError, ParseError, TooExpensive, UsageError

#: Outcomes that are symgrad speaking on purpose.  A plain ValueError is one too (symgrad
#: raises it with a message for misuse), provided its message is one line.
OWN_ERRORS = (ParseError, UsageError, TooExpensive, DivergenceError)

FUNCTIONS = ("exp", "log", "sin", "cos", "sqrt", "abs", "sigmoid", "relu", "tanh")
VARIABLES = ("x", "y", "w")


def formula(rng: random.Random, depth: int = 3, names=VARIABLES) -> str:
    """A random formula in Python syntax over ``names``, at most ``depth`` operations deep."""
    if depth == 0 or rng.random() < 0.25:
        pick = rng.random()
        if pick < 0.55:
            return rng.choice(names)
        if pick < 0.85:
            return str(rng.randint(-5, 9))
        return f"{rng.randint(1, 9)}/{rng.randint(2, 9)}"
    kind = rng.random()
    if kind < 0.45:
        op = rng.choice(["+", "-", "*", "/"])
        return f"({formula(rng, depth - 1, names)} {op} {formula(rng, depth - 1, names)})"
    if kind < 0.65:
        return f"{formula(rng, depth - 1, names)}^{rng.choice([2, 3, 4, -1, 7, 40, '1/2'])}"
    return f"{rng.choice(FUNCTIONS)}({formula(rng, depth - 1, names)})"


def answer(rng: random.Random, f: str) -> str:
    """A random claimed answer: the true derivative slightly changed, or any formula."""
    if rng.random() < 0.5:
        try:
            true = str(sg.derive(f, wrt="x", timeout=2).gradient[sg.parse("x")])
        except Exception:  # noqa: BLE001 - any failure: fall back to a random answer
            return formula(rng)
        mutations = [true, f"2*({true})", f"{true} + 1", true.replace("x", "y", 1),
                     true.replace("*", "/", 1), true + " "]
        return rng.choice(mutations)
    return formula(rng, rng.randint(0, 4))


@dataclass
class Case:
    """One fuzzed call: which entry point, its arguments as text, and a runner."""

    entry: str
    args: tuple

    @property
    def budgets(self) -> int:
        """How many budgeted steps the call may run one after another (grade: one per answer)."""
        return 3 if self.entry == "grade" else 1

    def __str__(self) -> str:
        shown = ", ".join(repr(a if len(a) < 60 else a[:40] + f"…({len(a)} chars)")
                          for a in self.args)
        return f"{self.entry}({shown})"

    def run(self, tmp: str) -> str:
        """Call the entry point; returns "ok" (exceptions propagate)."""
        f, claimed, extra = self.args
        if self.entry == "derive":
            sg.derive(f)
        elif self.entry == "explain":
            sg.stationary_points(f)
        elif self.entry == "check_derivative":
            sg.check_derivative(f, "x", claimed)
        elif self.entry == "check_gradient":
            sg.check_gradient(sg.mse(sg.Model(f, inputs="x", params=_params(f))), "w", claimed)
        elif self.entry == "check_loss":
            sg.check_loss(sg.mse(sg.Model("w*x", inputs="x")), claimed)
        elif self.entry == "check_step":
            sg.check_step(f, {v: 1 for v in _used(f)}, "1/4", {v: claimed for v in _used(f)})
        elif self.entry == "check_derivation":
            sg.check_derivation(f, "x", [claimed, extra])
        elif self.entry == "grade":
            _grade(tmp, f, claimed, extra)
        return "ok"


def _used(f: str) -> list[str]:
    return sorted(s.name for s in sg.parse(f).free_symbols) or ["x"]


def _params(f: str) -> list[str]:
    return [n for n in _used(f) if n != "x"] or ["w"]


def _grade(tmp: str, f: str, claimed: str, extra: str) -> None:
    from symgrad.cli.main import main

    path = f"{tmp}/answers.csv"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("student,problem,answer\n")
        for i, text in enumerate([claimed, extra, f]):
            quoted = text.replace('"', '""')
            fh.write(f'S{i},"d/dx: {f}","{quoted}"\n')
    code = main(["grade", path, "--out", f"{tmp}/report"])
    if code not in (0, 1, 2, 3):  # 3: some rows not graded, each with its reason
        raise AssertionError(f"grade exited {code}")


#: Claimed losses: right, the batch form, wrong, and a backtracking trap for a regex.
LOSS_ANSWERS = ["(f - y)^2/2", "1/(2m) Σ (f(x_i) - y_i)^2", "-y*log(f)", "1/m" + " " * 3000 + "?"]

ENTRIES = ("derive", "explain", "check_derivative", "check_gradient", "check_loss",
           "check_step", "check_derivation", "grade")


def cases(seed: int, count: int) -> list[Case]:
    """``count`` random cases, every entry point in turn, from ``seed``."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        f = formula(rng)
        if "x" not in f:  # every problem is about x
            f = f"{f} * x" if rng.random() < 0.5 else f"{f} + x"
        entry = ENTRIES[i % len(ENTRIES)]
        if entry == "check_loss":
            claimed = rng.choice(LOSS_ANSWERS + [formula(rng)])
        elif entry == "check_step":
            claimed = f"{rng.randint(-9, 9)}/{rng.randint(1, 4)}"
        else:
            claimed = answer(rng, f)
        out.append(Case(entry, (f, claimed, answer(rng, f))))
    return out


def outcome(case: Case, tmp: str) -> tuple[str, str, float]:
    """How ``case`` ended: ("ok" | "own" | "foreign", detail, seconds)."""
    start = time.perf_counter()
    try:
        case.run(tmp)
        kind, detail = "ok", ""
    except OWN_ERRORS as e:
        kind, detail = "own", f"{type(e).__name__}: {e}"
    except ValueError as e:
        own = type(e) is ValueError and "\n" not in str(e)
        kind, detail = ("own" if own else "foreign"), f"{type(e).__name__}: {e}"
    except Exception as e:  # noqa: BLE001 - this is what the fuzzer looks for
        kind, detail = "foreign", f"{type(e).__name__}: {e}"
    return kind, detail[:300], time.perf_counter() - start
