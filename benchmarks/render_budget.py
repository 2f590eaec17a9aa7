"""What the budget on short renderers costs: ``text()`` and ``latex()`` of a small derivation
through the public methods (small objects run in-process) and without any budget.

Run: python benchmarks/render_budget.py
"""


from timing import spread

import symgrad as sg
from symgrad.runtime.budget import small


def main() -> None:
    d = sg.derive("2*x**2 - 12*x + 20")
    plain_text = type(d).text.__wrapped__  # the language wrapper around the method itself
    rows = [
        ("text(), public (budget check, in-process)", lambda: d.text()),
        ("text(), no budget", lambda: plain_text(d)),
        ("text(steps=True), public", lambda: d.text(steps=True)),
        ("text(steps=True), no budget", lambda: plain_text(d, steps=True)),
        ("the size check alone (budget.small)", lambda: small(d)),
    ]
    print("2*x**2 - 12*x + 20: median [min–max] of 41, ms")
    for label, fn in rows:
        median, low, high = spread(fn, 41)
        print(f"  {label:<44} {median:6.2f} [{low:.2f}–{high:.2f}]")


if __name__ == "__main__":
    main()
