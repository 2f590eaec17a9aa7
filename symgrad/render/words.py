"""Every word an outline says, in one catalogue keyed by message id (English).

Outlines hold :class:`~symgrad.render.outline.Words` (a key and values); renderers look the
key up here.  ``{0}``, ``{1}`` … are filled with the values: math for SymPy objects, words for
strings.  Another language is another catalogue with the same keys.

>>> phrase("rule.chain")
'chain rule, {0}'
>>> phrase("rule.sigmoid")
'sigmoid rule'
"""

from __future__ import annotations

ENGLISH = {
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
    "note.mean": "the mean over the m samples",
    "note.update": "one step of gradient descent, learning rate {0}",
    "note.identity": "an identity",
    "note.one-hot": "one-hot labels: {0}",
    "note.named": "a name for a long part",
    "note.named-quantity": "a name for this quantity",
    "note.same-f": "the same f, in these names",
    # the algebra after the chain rule (symgrad.algebra's rule keys)
    "algebra.substitute": "substitute",
    "algebra.sigmoid derivative": "σ′ = σ(1 − σ)",
    "algebra.softmax derivative": "∂pₖ/∂zⱼ = pₖ(δₖⱼ − pⱼ)",
    "algebra.common denominator": "common denominator",
    "algebra.cancel": "cancel",
    "algebra.expand": "expand",
    "algebra.collect": "collect terms",
    "algebra.factor": "factor",
    "algebra.one-hot labels": "one-hot labels: Σₖ yₖ = 1",
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
    "para.model": "The model {0} has inputs {1} and parameters {2}. Over m samples the loss is "
                  "the mean J of the per-sample loss {3}.",
    "para.batch": "The gradient of J is the mean of the per-sample gradients; gradient "
                  "descent moves every parameter against it with a learning rate {0}.",
    "para.caveats": "Note: {0}.",
    "para.steps-of": "The derivative of {0} with respect to {1}, rule by rule:",
    # networks
    "head.network": "The network, quantity by quantity",
    "para.network": "Each unit j of layer l adds up its weighted inputs, z⁽ˡ⁾ⱼ, and "
                    "activates, a⁽ˡ⁾ⱼ; the derivation below is written with these names.",
    "para.pattern": "Every other weight of layer {0} follows the same pattern: change the "
                    "unit and input indices.",
    "para.network-results": "Every parameter, through the same chain in these names:",
    "para.batch-network": "For every weight and bias p: the gradient of J is the mean of the "
                          "per-sample gradients, and gradient descent moves p against it with "
                          "a learning rate {0}.",
    # stationary points
    "title.minimum": "The minimum of {0}",
    "title.stationary": "The stationary points of {0}",
    "head.derivatives": "The derivatives, rule by rule",
    "head.vanish": "Where the derivative vanishes",
    "head.kind": "What kind of point",
    "extrema.none": "These equations have no real solution: f has no stationary point.",
    "extrema.point": "At {0}: {1}. {2}.",
    "kind.minimum": "a minimum",
    "kind.maximum": "a maximum",
    "kind.saddle": "a saddle point",
    "kind.degenerate": "the test is inconclusive",
    # descent traces
    "title.trace": "Gradient descent on {0}",
    "head.trace-function": "The function and its gradient",
    "head.trace-steps": "The steps",
    "para.trace": "Each step moves every variable against its partial derivative at the "
                  "current point, with learning rate {0}; g is that partial derivative.",
    "trace.warning": "Warning: {0}",
    # k-means
    "title.kmeans": "Why a k-means center is the mean of its cluster",
    "head.objective": "The objective",
    "head.kmeans-derivative": "Its derivative, rule by rule",
    "head.kmeans-solve": "Solving {0}",
    "head.algorithm": "The algorithm",
    "kmeans.objective": "k-means minimises J = Σᵢ ‖xᵢ − μ_c(i)‖², the squared distance of every "
                        "point to the center of its cluster. Take one cluster and one "
                        "coordinate, with {0} points and the center {1}:",
    "kmeans.minimum": "positive: so this is the minimum",
    "kmeans.separates": "J = Σᵢ ‖xᵢ − μ_c(i)‖² is a sum of terms like this one, one per cluster "
                        "and coordinate, and each term depends on one coordinate of one center "
                        "only; so the same holds for every coordinate of every center: μ_k is "
                        "the mean of the points assigned to cluster k.",
    "kmeans.algorithm": "Lloyd's algorithm: start from k centers (k-means++ seeding: the first "
                        "a random data point, each next one a data point drawn with probability "
                        "proportional to its squared distance to the nearest center so far); "
                        "assign every point to its nearest center; move every center to the "
                        "mean of its points, as derived above; repeat until no assignment "
                        "changes. Neither move can raise J, so J never increases. A cluster "
                        "that loses all its points is re-seeded at the point farthest from its "
                        "own center.",
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
    "verdict.reading": "The answer was {0}.",
    # backpropagation (the vector view)
    "title.backprop": "Backpropagation for a {0} network with {1}",
    "head.forward": "The forward pass",
    "head.local": "The local derivatives",
    "head.local-steps": "The local derivatives, rule by rule",
    "head.softmax": "Softmax with cross-entropy",
    "head.delta": "The error signal δ",
    "head.bp-gradients": "The gradients",
    "bp.forward": "a⁽⁰⁾ = x is the input column; each layer multiplies, adds its bias, and "
                  "activates.",
    "bp.shape": "W is {0}×{1}",
    "bp.elementwise": "entry by entry",
    "bp.softmax": "Derived on {0} outputs; the result is the same for any number: the labels "
                  "are one-hot, so they sum to 1.",
    "bp.one-hot": "one-hot labels sum to 1",
    "bp.delta-output": "∂ℓ/∂a ⊙ {0}′(z), simplified",
    "bp.delta-softmax": "softmax with cross-entropy",
    "bp.hidden": "l = L − 1, …, 1",
    "bp.agree": "Every entry of these matrices equals the scalar view's ∂J/∂W for that weight; "
                "the tests hold the two views to it.",
    # words used by several documents
    "or": "or",
    "and": "and",
    "list.sep": ", ",
}

#: The catalogue in use (a later issue adds a Chinese one with the same keys).
CATALOGUE = ENGLISH


def phrase(key: str) -> str:
    """The words for ``key`` (a rule's key falls back to "<name> rule")."""
    if key in CATALOGUE:
        return CATALOGUE[key]
    if key.startswith("algebra."):
        return key[len("algebra."):]
    if key.startswith("rule."):
        return CATALOGUE["rule.other"].replace("{0}", key[len("rule."):])
    raise KeyError(f"no words for {key!r} in the catalogue")
