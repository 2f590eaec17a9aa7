"""Every word an outline says, in one catalogue per language keyed by message id.

Outlines hold :class:`~symgrad.render.outline.Words` (a key and values); renderers look the
key up here.  ``{0}``, ``{1}`` … are filled with the values: math for SymPy objects, words for
strings.  The English catalogue is below; another language is another module
``words_<code>.py`` with a ``WORDS`` dict of the same keys (``words_zh``), and its code in
:data:`symgrad.i18n.language.LANGUAGES`.

>>> from symgrad.i18n.language import phrase
>>> phrase("rule.chain")
'chain rule, {0}'
>>> phrase("rule.sigmoid")
'sigmoid rule'
>>> phrase("rule.chain", lang="zh")
'链式法则，{0}'
"""

from __future__ import annotations

_DOCUMENTS = {
    # derivative rules (a rule without an entry reads "<name> rule")
    "rule.constant": "constant rule",
    "rule.variable": "variable rule",
    "rule.sum": "sum rule",
    "rule.constant multiple": "constant multiple rule",
    "rule.power": "power rule",
    "rule.product": "product rule",
    "rule.quotient": "quotient rule",
    "rule.chain": "chain rule, {0}",
    "rule.unknown": "no derivative rule for `{0}` (wrt {1})",
    "rule.other": "{0} rule",
    "note.singular": "{0}; not differentiable where {1}",
    "note.chain": "chain rule",
    "note.simplified": "simplified",
    "note.multiplied": "the factors multiplied",
    "note.loss": "{0}",
    "note.mean": "the mean over the $m$ samples",
    "note.update": "one step of gradient descent, learning rate {0}",
    "note.identity": "an identity",
    "note.one-hot": "one-hot labels: {0}",
    # losses (the key is "loss." + Loss.name)
    "loss.mse": "mean squared error",
    "loss.mae": "mean absolute error",
    "loss.distance": "distance between prediction and truth",
    "loss.bce": "binary cross-entropy",
    "loss.cross_entropy": "cross-entropy",
    # the per-sample loss ℓ (the mean of it over the samples is J)
    "sample.mse": "squared error",
    "sample.mae": "absolute error",
    "sample.distance": "distance between prediction and truth",
    "sample.bce": "binary cross-entropy",
    "sample.cross_entropy": "cross-entropy",
    "note.named-quantity": "introduce {0}",
    "note.same-f": "{0} rewritten with {1}",
    "note.the-model": "the model {0}",
    # the algebra after the chain rule (symgrad.calculus.algebra's rule keys)
    "algebra.substitute": "substitute",
    "algebra.sigmoid derivative": "$σ′ = σ(1 − σ)$",
    "algebra.softmax derivative": "$∂pₖ/∂zⱼ = pₖ(δₖⱼ − pⱼ)$",
    "algebra.common denominator": "common denominator",
    "algebra.cancel": "cancel",
    "algebra.expand": "expand",
    "algebra.collect": "collect terms",
    "algebra.factor": "factor",
    "algebra.one-hot labels": "one-hot labels: $Σₖ yₖ = 1$",
    "algebra.rearrange": "the same terms, rearranged",
    "algebra.simplify": "simplified by SymPy",
    "algebra.rewrite": "rewritten",
    # derivations
    "title.loss": "The gradient of the {0} for {1}",
    "title.network": "The gradient of the {0} for a {1} network",
    "title.formula": "The derivatives of {0}",
    "head.model": "The model and the loss",
    "head.outer": "The derivative of the loss with respect to the prediction {0}",
    "head.gradient": "The derivative {0}",
    "head.function": "The function",
    "head.batch": "The batch gradient and the update",
    "head.results": "Results",
    "para.model": "The model {0} has inputs {1} and parameters {2}. Over $m$ samples the loss is "
                  "the mean $J$ of the per-sample loss {3}.",
    "para.batch": "The gradient of $J$ is the mean of the per-sample gradients; gradient descent "
                  "moves every parameter against it with a learning rate {0}.",
    "para.caveats": "Note: {0}.",
    "para.steps-of": "The derivative of {0} with respect to {1}, rule by rule:",
    # networks
    "head.network": "The network, quantity by quantity",
    "para.network": "Each unit $j$ of layer $l$ adds up its weighted inputs, $z⁽ˡ⁾ⱼ$, and "
                    "activates, $a⁽ˡ⁾ⱼ$; the derivation below is written with these names.",
    "para.pattern": "Every other weight of layer {0} follows the same pattern: change the "
                    "unit and input indices.",
    "para.network-results": "Every parameter, through the same chain in these names:",
    "para.batch-network": "For every weight and bias $p$: the gradient of $J$ is the mean of the "
                          "per-sample gradients, and gradient descent moves $p$ against it with "
                          "a learning rate {0}.",
    # stationary points
    "title.minimum": "The minimum of {0}",
    "title.stationary": "The stationary points of {0}",
    "head.derivatives": "The derivatives, rule by rule",
    "head.vanish": "Where the derivative vanishes",
    "head.kind": "What kind of point",
    "extrema.none": "These equations have no real solution: $f$ has no stationary point.",
    "extrema.point": "At {0}: {1}. {2}.",
    "kind.minimum": "a minimum",
    "kind.maximum": "a maximum",
    "kind.saddle": "a saddle point",
    "kind.degenerate": "the test is inconclusive",
    # stationary points: the tests and the conclusion
    "hessian.positive": "positive definite",
    "hessian.negative": "negative definite",
    "hessian.indefinite": "indefinite (eigenvalues of both signs)",
    "hessian.eigenvalues": ", eigenvalues {0}",
    "extrema.least": "The least value of {0} is {1}, at {2}.",
    "extrema.no-minimum": "$f$ has no minimum: {0}.",
    "test.minimum": "minimum",
    "test.maximum": "maximum",
    "test.saddle": "saddle",
    "test.degenerate": "degenerate",
    "extrema.only-point": "its only stationary point, {0}, is a {1}, not a minimum",
    "extrema.unbounded": "; it is unbounded below",
    # descent traces
    "title.trace": "Gradient descent on {0}",
    "head.trace-function": "The function and its gradient",
    "head.trace-step": "Step {0}",
    "head.trace-summary": "The steps at a glance",
    "trace.after": "After {0} steps: {1}, {2}.",
    "trace.conclusion": "After {0} steps: {1}, {2}. The steps approach the minimum: {3}.",
    "para.trace": "Each step moves every variable against its partial derivative at the current "
                  "point, with learning rate {0}; $g$ is that partial derivative.",
    "trace.warning": "Warning: {0}",
    # k-means
    "title.kmeans": "Why a k-means center is the mean of its cluster",
    "head.objective": "The objective",
    "head.kmeans-derivative": "Its derivative, rule by rule",
    "head.kmeans-solve": "Solving {0}",
    "head.algorithm": "The algorithm",
    "kmeans.objective": "k-means minimises $J = Σᵢ ‖xᵢ − μ_c(i)‖²$, the squared distance of "
                        "every point to the center of its cluster. Take one cluster and one "
                        "coordinate, with {0} points and the center {1}:",
    "kmeans.minimum": "positive: so this is the minimum",
    "kmeans.separates": "$J = Σᵢ ‖xᵢ − μ_c(i)‖²$ is a sum of terms like this one, one per "
                        "cluster and coordinate, and each term depends on one coordinate of one "
                        "center only; so the same holds for every coordinate of every center: "
                        "$μₖ$ is the mean of the points assigned to cluster $k$.",
    "kmeans.algorithm": "Lloyd’s algorithm: start from $k$ centers (k-means++ seeding: the first "
                        "a random data point, each next one a data point drawn with probability "
                        "proportional to its squared distance to the nearest center so far); "
                        "assign every point to its nearest center; move every center to the mean "
                        "of its points, as derived above; repeat until no assignment changes. "
                        "Neither move can raise $J$, so $J$ never increases. A cluster that "
                        "loses all its points is re-seeded at the point farthest from its own "
                        "center.",
    # checker verdicts
    "title.check": "Checking {0}",
    "head.answer": "The answer",
    "head.why": "Why",
    "verdict.right": "Verdict: right.",
    "verdict.wrong": "Verdict: wrong.",
    "verdict.undecided": "Verdict: undecided.",
    "verdict.claimed": "Claimed: {0}",
    "verdict.expected": "Expected: {0}",
    "verdict.at": "At {0} the two differ:",
    # the checker: verdict messages and hints (symgrad/check/)
    "status.right": "right",
    "status.wrong": "wrong",
    "status.undecided": "undecided",
    "check.claimed": "claimed:",
    "check.expected": "expected:",
    "check.read-as": "read {0} as {1}",
    "verdict.reading": "Note: symgrad {0}.",
    "check.loss-task": "$ℓ(f, y)$ of the {0}",
    "check.lines-task": "{0} in {1} lines",
    "check.derivative-task": "d/d{0} ({1})",
    "check.read-mean": "read as the batch cost $J = (1/m) Σᵢ ℓᵢ$; its per-sample term $ℓ$ was "
                       "compared.",
    "check.read-sum": "read as a sum over the samples $Σᵢ ℓᵢ$; its term $ℓ$ was compared.",
    "check.same-abs": "$√((f − y)²)$ and $|f − y|$ are the same function for real $f$ and $y$.",
    "check.gradient-task": "$∂ℓ/∂{0}$ for $ℓ = {1}$ ({2})",
    "check.right": "Right.",
    "check.right-because": "Right ({0}).",
    "check.undecided": "Undecided: {0}; check it by hand.",
    "check.wrong": "Wrong: {0}.",
    "check.hint": " Hint: {0}",
    "check.note": " Note: {0}",
    "check.counterexample": "at ${0}$: expected ${1}$, claimed ${2}$",
    "check.values": "expected ${0}$, claimed ${1}$",
    "hint.swapped": "label and prediction are swapped: the labels $y$ sit inside the logarithms; "
                    "cross-entropy takes the log of the prediction, $ℓ =$ {0}.",
    "hint.power rule": "power rule: $(uⁿ)′ = n·uⁿ⁻¹·u′$ — the factor $n$ (the old exponent) is "
                       "missing.",
    "hint.power rule (exponent)": "power rule: $(uⁿ)′ = n·uⁿ⁻¹·u′$ — the exponent must drop by "
                                  "one.",
    "hint.negative power": "negative powers: $(x⁻ⁿ)′ = −n·x⁻ⁿ⁻¹$ — the exponent drops by one "
                           "($−2$ becomes $−3$), it does not move towards zero.",
    "hint.chain rule": "chain rule: the outer derivative is there, but it must be multiplied by "
                       "the derivative of the inside.",
    "hint.product rule": "product rule: $(u·v)′ = u′·v + u·v′$, not $u′·v′$ (the derivative of a "
                         "product is not the product of the derivatives).",
    "hint.quotient rule": "quotient rule: $(u/v)′ = (u′·v − u·v′)/v²$; the numerator is "
                          "subtracted the other way round (sign swapped).",
    "hint.exp as power": "$eᵘ$ is not a power of $u$: $(eᵘ)′ = eᵘ·u′$, not $u·eᵘ⁻¹$.",
    "hint.sigmoid": "$σ′(u) = σ(u)·(1 − σ(u))$, not $σ(u)·(1 + σ(u))$.",
    "hint.tanh": "$tanh′(u) = 1 − tanh²(u)$, not $1 + tanh²(u)$.",
    "hint.sign": "sign error: the claimed answer is exactly $−1$ times the right one.",
    "hint.1/m": "the factor $1/m$ belongs to the cost $J$, the mean over $m$ samples; the "
                "per-sample $ℓ$ and its gradient have no $1/m$.",
    "hint.forgot 1/m": "the factor $1/m$ is missing: the claimed answer is $m$ times the right "
                       "one (a sum over the $m$ samples where the mean, $(1/m)·Σ$, is asked "
                       "for).",
    # backpropagation (the vector view)
    "title.backprop": "Backpropagation for a {0} network with {1}",
    "head.forward": "The forward pass",
    "head.local": "The local derivatives",
    "head.local-steps": "The local derivatives, rule by rule",
    "head.softmax": "Softmax with cross-entropy",
    "head.delta": "The error signal $δ$",
    "head.bp-gradients": "The gradients",
    "bp.forward": "$a⁽⁰⁾ = x$ is the input column; each layer multiplies, adds its bias, and "
                  "activates.",
    "bp.shape": "$W$ is {0} × {1}",
    "bp.elementwise": "entry by entry",
    "bp.softmax": "Derived on {0} outputs; the result is the same for any number: the labels "
                  "are one-hot, so they sum to 1.",
    "bp.one-hot": "one-hot labels sum to 1",
    "bp.delta-output": "$∂ℓ/∂a ⊙ {0}′(z)$, simplified",
    "bp.delta-softmax": "softmax with cross-entropy",
    "bp.hidden": "$l = L − 1, …, 1$",
    "bp.agree": "Every entry of these matrices equals the scalar derivation’s $∂J/∂W$ for that "
                "weight.",
    # plots
    "plot.step": "step",
    "plot.loss": "loss $J$",
    "plot.loss-title": "Loss during gradient descent",
    "plot.points": "visited points",
    "plot.tangent": "tangent (slope $f′$)",
    "plot.surface": "the same path on the surface",
    "plot.trace-title": "Gradient descent on {0},  α = {1}",
    "plot.cluster": "cluster {0} ({1} points)",
    "plot.centers": "centers μ",
    # terminal text
    "caveat.singular": "not differentiable where ${0} = 0$",
    "text.solve": "Solve {0}:",
    "text.update": "update:",
    "text.point-line": "{0}:  {1};  {2}",
    "text.point-summary": "{0}: {1}, f = {2}",
    "text.warning": "warning: {0}",
    "trace.stalls": "the path stalls near a {0}: the gradient has shrunk to {1} at {2}, where the "
                    "Hessian is {3}; it is not approaching a minimum, and a small change of start "
                    "escapes it",
    "trace.runs-off": "the path runs off: the point keeps moving away and $f$ keeps falling (to "
                      "{0}); $f$ may be unbounded below",
    "trace.diverges": "the path diverges: $f$ grew at every step from {0} to {1} as the point "
                      "moved away; $α$ is too large for this function",
    "kmeans.one": "One cluster, one coordinate: points {0} and their center {1}",
    "kmeans.so-mean": ", so this is the minimum: the mean of the points.",
    "bp.text-forward": "forward pass (a⁽⁰⁾ = x):",
    "bp.text-local": "local derivatives:",
    "bp.text-with": "with ℓ = {0}",
    "bp.text-output": "output layer:",
    "bp.text-hidden": "hidden layers (l = {0}):",
    "bp.text-gradients": "gradients:",
    "text.model": "model",
    "text.loss": "loss",
    "text.note": "note: {0}",
    # words used by several documents
    "or": "or",
    "and": "and",
    "list.sep": ", ",
    # --- present2 ---
    # networks in z, a and δ names (render/network_outline.py)
    "head.layer": "Layer {0}: {1} and its bias, through the chain rule",
    "note.linear": "$z$ is linear in $W$",
    "note.from-loss": "$∂ℓ/∂f$ with $f = a$",
    "note.feeds": "$a$ feeds every unit of layer {0}",
    "note.local": "the derivative of the activation",
    "note.delta": "name it $δ$",
    "note.delta-softmax": "softmax: every output depends on $z$",
    "para.pattern-index": "Every weight and bias of layer {0} follows the same pattern: {1} "
                          "and {2}.",
    "para.other-deltas": "The other units of layer {0}, by the same steps:",
    "para.network-pattern": "Every other parameter follows the pattern of its layer.",
    "para.other-outputs": "The other outputs, by the same rules:",
    # stationary points: each point's test and the conclusion (analysis.py, extrema_text.py)
    "reason.second": "{0} {1}  $⇒$  {2}",
    "reason.even-order": "{0} {1}  $⇒$  {2} (the first non-zero derivative has even order {3})",
    "reason.odd-order": "{0}  $⇒$  degenerate: the first non-zero derivative has odd order {1}: "
                        "a point of inflection, neither a minimum nor a maximum",
    "reason.undecided-sign": "{0}  $⇒$  degenerate: the sign of {1} cannot be decided ($f$ may "
                             "not be {2} times differentiable here)",
    "reason.all-vanish": "{0}  $⇒$  degenerate: every derivative up to order {1} vanishes; the "
                         "test is inconclusive",
    "reason.hessian": "$H = {0}${1}: {2}  $⇒$  {3}",
    "reason.hessian-undecided": "$H = {0}${1}: the signs of its eigenvalues cannot be decided  "
                                "$⇒$  degenerate",
    "hessian.singular": "singular ({0} zero eigenvalue, semidefinite): the Hessian test is "
                        "inconclusive",
    "hessian.singular-many": "singular ({0} zero eigenvalues, semidefinite): the Hessian test "
                             "is inconclusive",
    "extrema.see-note": "no finite list of solutions: see the note",
    "extrema.no-real": "no real solution",
    "extrema.local": "$f$ has a local minimum at {0}; whether it is the least value of $f$ is "
                     "not shown by this test.",
    "extrema.local-many": "$f$ has a local minimum at {0}; whether either is the least value of "
                          "$f$ is not shown by this test.",
    "extrema.undecided": "No stationary point is shown to be a minimum: the test is inconclusive "
                         "at a degenerate point, so whether $f$ has a minimum is left open.",
    "extrema.incomplete": "No stationary point found is a minimum; without a complete list of "
                          "stationary points nothing more can be said about a minimum of $f$.",
    "extrema.no-point": "it has no stationary point, and a function differentiable everywhere "
                        "has its minimum only at a stationary point",
    "extrema.all-kinds": "its stationary points are all {0}, none a minimum",
    "extrema.and-unbounded": "{0}; it is unbounded below",
    "kind.inflection": "point of inflection",
    "plural.maximum": "maxima",
    "plural.saddle": "saddle points",
    "plural.inflection": "points of inflection",
    "extrema.note": "Note: {0}.",
    "check.not-computed": "not computed",
}

from .words_errors import ERRORS as _ERRORS  # noqa: E402 - the catalogue's other parts
from .words_errors_parsing import ERRORS as _PARSING  # noqa: E402
from .words_index import WORDS as _INDEX  # noqa: E402
from .words_reading import WORDS as _READING  # noqa: E402
from .words_results import WORDS as _RESULTS  # noqa: E402
from .words_ui import WORDS as _UI  # noqa: E402
from .words_web import WORDS as _WEB  # noqa: E402

#: The English catalogue (the default language's): the documents' words above, error messages
#: (symgrad.errors.Said), the words of the command line, plots and web pages, results' sentences
#: the checker's readings and the index form's words — one key, one entry.
ENGLISH = {**_DOCUMENTS, **_ERRORS, **_PARSING, **_UI, **_WEB, **_RESULTS, **_READING, **_INDEX}
CATALOGUE = ENGLISH
