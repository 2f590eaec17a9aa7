"""The article's §4: minimum of a function, partial derivatives, the descent path, the update.

Run: python examples/gradient_descent.py
"""

from sympy import Rational

from symgrad import explain_minimum, stationary_points, trace_descent


def main():
    # §4.01: f(x) = 2x² − 12x + 20; f′(x) = 4x − 12 = 0 gives x = 3 and f(3) = 2.
    minimum = explain_minimum("2*x**2 - 12*x + 20")
    print(minimum.text())
    print()
    # §4.02: f(x, y) = 2x² + 2y + 4xy. The article minimises it, but its only stationary
    # point is a saddle: the function has no minimum at all.
    saddle = stationary_points("2*x**2 + 2*y + 4*x*y")
    print(saddle.text())
    print()
    # §4.04: the update W ← W − α ∂L/∂W on f(x, y) = 2x² + y² + 3, exact, from (1, 1).
    trace = trace_descent("2*x**2 + y**2 + 3", {"x": 1, "y": 1}, Rational(1, 4), 5)
    print(trace.text())
    return minimum, saddle, trace


if __name__ == "__main__":
    main()
