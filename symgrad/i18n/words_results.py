"""The English words of results kept as sentences: notes on stationary points, the checker's
verdict messages and tasks, the reasons of the point tests, trace warnings, the k-means summary.

Stored in results as catalogue keys and values (symgrad.i18n.language.Said) and worded when
printed.  Merged into :data:`symgrad.i18n.words.ENGLISH`.
"""

WORDS = {
    "extrema.unbounded-convex": "it decreases without bound (see the note)",
    "said.cat": "{0}{1}",
    "said.semicolon": "{0}; {1}",
    "said.or": "{0} or {1}",
    "note.constant-1": "$f′(x) = 0$ for every $x$: $f$ is constant, every point is stationary",
    "note.no-closed-form": "{0} cannot be solved in closed form; the stationary points are not "
                           "known exactly (a numerical method would be needed)",
    "note.constant-on": "$f′(x) = 0$ for every $x$ in {0}: infinitely many stationary points "
                        "($f$ is constant there)",
    "note.periodic-1": "$f′(x) = 0$ has infinitely many solutions, repeating periodically: {0}; "
                       "they are not classified one by one",
    "note.any-integer": "{0} ($n$ any integer)",
    "note.not-finite": "the solutions of $f′(x) = 0$ are not a finite list: {0}",
    "note.family": "$∇f = 0$ has infinitely many solutions ({0}): a whole curve or surface of "
                   "stationary points, not classified here",
    "note.every-point": "every point",
    "note.constant-n": "$∇f = 0$ everywhere: $f$ is constant, every point is stationary",
    "note.periodic-n": "$∇f$ involves periodic functions, so $∇f = 0$ may have infinitely many "
                       "solutions; only the ones found are listed",
    "note.caveat": "{0}: a minimum may sit there without being a stationary point",
    "note.no-solution": "{0} = 0 has no real solution: $f$ has no stationary point",
    "check.by-hand": "{0}; check it by hand.",
    "check.last-line-unfinished": "Not an answer: the last line still contains {0}; carry it "
                                  "out and give the result.",
    "check.line-undecided": "Undecided: line {0} could not be confirmed equal to the line "
                            "before it; no line was shown wrong.",
    "check.every-line": "Right: every line follows.",
    "check.line1-wrong": "line 1 is not the derivative: at {0} the derivative is {1}, line 1 "
                         "is {2}.",
    "check.line1-other": " It differentiates {0}, not {1}.",
    "check.line-wrong": "line {0} does not equal line {1}: at {2} line {1} is {3}, line {0} "
                        "is {4}.",
    "check.wrong-lead": "Wrong: {0}",
    "check.forgot-mean": "Wrong: the cost is the mean over the $m$ samples, $J = (1/m) Σᵢ ℓᵢ$; "
                         "the sum $Σᵢ ℓᵢ$ is $m$ times it. Hint: {0}",
    "check.agree-unproved": "the two agree at {0} exact point(s) tested, but equality could "
                            "not be proved, so this is not confirmed",
    "check.no-test-point": "no test point was found where both sides are defined and real, "
                           "and equality could not be proved",
    "check.sign-note": "$u/|u|$ is $sgn(u)$ wherever $u ≠ 0$; at $u = 0$ neither the derivative "
                       "nor $u/|u|$ exists",
    "check.read-paren": "{0} ({1})",
    "check.param-task": "$∂ℓ/∂{0}$ ({1})",
    "reason.convex-kink": "the slope of $f$ turns from negative to non-negative here  $⇒$  "
                          "minimum",
    "reason.sign-change.signs": "$f′$ is {0} before and {1} after",
    "reason.sign-change.root": "$x ≈$ {0}, the only root of $f′$ in ({1}, {2}): {3}",
    "reason.sign-change": "{0}  $⇒$  {1}",
    "reason.sign-change.inflection": "{0}  $⇒$  degenerate: $f′$ does not change sign: a point "
                                     "of inflection, neither a minimum nor a maximum",
    "note.abs-sum.unbounded": "$f$ is a sum of |linear| terms with slope {0} towards $x →$ {1}: "
                              "$f$ decreases without bound, it has no minimum",
    "note.abs-sum.ray": "$f$ is a sum of |linear| terms, convex and piecewise linear, with slope "
                        "0 for every $x ≤$ {0}: the least value is taken on that whole ray",
    "note.abs-sum.kink": "$f$ is a sum of |linear| terms, so it is convex and piecewise linear: "
                         "its least value is at the kink where its slope turns from negative to "
                         "non-negative, $x =$ {0} (slope {1} before, {2} after)",
    "note.abs-sum.flat": "the slope is 0 on {0}, where every $x$ gives that least value",
    "extrema.piecewise-linear": "$f$ is piecewise linear: decided by its slopes, see the note",
    "trace.undefined": "$f$ or its gradient is undefined or not real at {0}",
    "trace.cannot-evaluate": "$f$ cannot be evaluated at {0} (overflow or undefined)",
    "trace.not-finite": "$f$ or its gradient is not finite at {0}; the path diverges",
    "trace.passed": "$|f| =$ {0} passed {1}: the path diverges",
    "trace.digits": "the exact value of {0} needs more than {1} digits; pass float inputs to go on",
    "trace.too-complex": "the exact value of {0} became too complex; pass float inputs to go on",
    "trace.stopped": "stopped before step {0}: {1}",
    "trace.zero-start": "the gradient is zero at the start {0}: descent never moves from this "
                        "stationary point ({1})",
    "trace.kind.minimum": "it is a minimum, so there is nothing to do",
    "trace.kind.degenerate": "the second-derivative test cannot tell whether it is a minimum",
    "trace.kind.other": "it is a {0}, not a minimum",
    "trace.increased": "$f$ increased at step {0}: $α$ may be too large (the path overshoots)",
    "trace.increased-many": "$f$ increased at steps {0}: $α$ may be too large (the path "
                            "overshoots)",
    "kmeans.summary": "k-means, k = {0}, {1} points in {2} dimensions: {3} after {4}, J = {5}",
    "kmeans.summary.converged": "converged",
    "kmeans.summary.stopped": "stopped (max_iter)",
    "kmeans.summary.iteration": "{0} iteration",
    "kmeans.summary.iterations": "{0} iterations",
    "kmeans.summary.center": "  μ{0} = ({1})   {2} points",
    "kmeans.summary.center-one": "  μ{0} = ({1})   {2} point",
    "said.comma": "{0}, {1}",
    "said.value-at": "${0}({1}) = {2}$",
    "said.equals": "{0} = {1}",
    "said.interval": "[{0}, {1}]",
    "said.ray": "[{0}, ∞)",
}
