"""The index form at scale: derive + article + deck (compiled) per network, derive vs width.

Run: python benchmarks/index_scale.py            (everything)
     python benchmarks/index_scale.py --one-weight (only 784-30-10 with wrt=, below)
Everything goes through the public API with default options (the default 10 s budget):
``derive(loss)``, ``d.to_latex()``, ``d.to_beamer()`` and pdflatex via ``symgrad.render.pdf``;
the last block, one weight of 784-30-10 in full (``derive(loss, wrt="W1_1_3")``, written along
its path), also ``d.text()``.  Wall seconds; the load average is printed before and after.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import spread  # noqa: E402

import symgrad as sg  # noqa: E402
from symgrad.nn import network  # noqa: E402
from symgrad.render.documents.pdf import compile_latex  # noqa: E402

CASES = {
    "2-3-1 sigmoid, mse": lambda: sg.mse(network("2-3-1", "sigmoid")),
    "4-5-5-3 tanh, relu, softmax, cross-entropy": lambda: sg.cross_entropy(sg.Sequential(
        sg.Dense(4, 5), sg.Tanh(), sg.Dense(5, 5), sg.ReLU(), sg.Dense(5, 3), sg.Softmax())),
    "784-30-10 sigmoid, mse": lambda: sg.mse(network("784-30-10", "sigmoid")),
}


def documents(make_loss, folder: Path) -> tuple[float, float, float, float]:
    """Seconds for derive, article (compiled), deck (compiled), and the total."""
    t0 = time.perf_counter()
    d = sg.derive(make_loss())
    t1 = time.perf_counter()
    compile_latex(d.to_latex(), folder / "article.pdf")
    t2 = time.perf_counter()
    compile_latex(d.to_beamer(), folder / "deck.pdf")
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, t3 - t0


def one_weight(folder: Path, repeat: int = 3) -> None:
    """784-30-10 sigmoid mse, one weight in full: each stage's median [min–max] of ``repeat``."""
    print("784-30-10 sigmoid mse, derive(loss, wrt=…) + text + article + deck, compiled "
          f"(seconds: median [min–max] of {repeat}):")
    loss = sg.mse(network("784-30-10", "sigmoid"))
    for wrt in ("W1_1_3", "W2_3_7"):
        times: dict[str, list[float]] = {k: [] for k in ("derive", "text", "article", "deck")}
        for _ in range(repeat):
            t0 = time.perf_counter()
            d = sg.derive(loss, wrt=wrt)
            t1 = time.perf_counter()
            d.text()
            t2 = time.perf_counter()
            compile_latex(d.to_latex(), folder / "article.pdf")
            t3 = time.perf_counter()
            compile_latex(d.to_beamer(), folder / "deck.pdf")
            t4 = time.perf_counter()
            for k, v in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
                times[k].append(v)
        shown = "  ".join(f"{k} {statistics.median(v):5.2f} [{min(v):.2f}–{max(v):.2f}]"
                          for k, v in times.items())
        print(f"  wrt={wrt:7s} {shown}")


def main() -> None:
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    if "--one-weight" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            one_weight(Path(tmp))
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        return
    print("derive + article + deck, compiled (seconds):")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in CASES.items():
            derive_s, article_s, deck_s, total = documents(make, Path(tmp))
            print(f"  {name:44s} derive {derive_s:5.2f}  article {article_s:5.2f}  "
                  f"deck {deck_s:5.2f}  total {total:5.2f}")
    print("derive of 64-W-10 sigmoid mse (ms: median, min, max of 3):")
    for width in (16, 64, 256, 1024, 4096):
        loss = sg.mse(network(f"64-{width}-10"))
        median, low, high = spread(lambda: sg.derive(loss), 3)
        print(f"  W = {width:5d}   {median:7.0f}  {low:7.0f}  {high:7.0f}")
    with tempfile.TemporaryDirectory() as tmp:
        one_weight(Path(tmp))
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
