"""English words of the checker's readings: forms with two readings, a left side dropped,
the problem's own juxtaposition, penalties and periodic minima (issue 20)."""

WORDS = {
    "err.reading.two-readings":
        "cannot read {0} {1!r}: {2!r} can be read as {3} or as {4}; write brackets",
    "err.reading.d-product":
        "cannot read {0} {1!r}: d(…)/dx is either the derivative d/dx or a product in which "
        "the letter d cancels; write the derivative's value",
    "check.prefix": "took {0} = as naming the derivative",
    "check.problem-read-as": "read the problem's {0} as {1}",
    "check.read-mean-gradient": "read as the batch gradient (1/m) Σᵢ ∂ℓᵢ/∂θ; its per-sample "
                                "term ∂ℓ/∂θ was compared.",
    "check.read-sum-gradient": "read as a sum over the samples Σᵢ ∂ℓᵢ/∂θ; its term was compared.",
    "err.nn.layer-twice":
        "{0!r} appears twice in this network (as layer {1}); tied weights are not supported: "
        "make a second Dense layer",
    "err.nn.layer-elsewhere":
        "{0!r} is layer {1} of another network; here it would be layer {2} and rename that "
        "network's weights: make a new Dense layer",
    "err.losses.template-has-parameter":
        "the loss template depends on the parameter(s) {0}; ℓ is differentiated through the "
        "predictions f only, so that part of the gradient would be missing: put {0} in the "
        "model, or use a penalty (mse(model, l2=λ))",
    "err.penalty.one-kind": "give l2 or l1, not both",
    "err.penalty.strength": "the penalty strength must be a number ≥ 0, not {0!r}",
    "err.penalty.network-weights":
        "a network's penalty is on all its weights W (not its biases); penalize= is for a "
        "formula model",
    "err.penalty.not-parameter": "{0}: not a parameter of the model, so it cannot be penalised",
    "check.cost-task": "the cost $J$ of the {0} with the {1}, $λ =$ {2}",
    "check.read-penalty": "read {0} as the penalty {1}.",
    "check.read-lambda": "read $λ$ as {0}, the penalty's strength.",
    "hint.loss-penalty-missing": "the cost has the penalty {0} too: add it to the mean over the samples.",
    "hint.loss-penalty-wrong": "the penalty is {0}, not {1} ($λ/(2m)·Σ w²$ for L2, $(λ/m)·Σ |w|$ for L1).",
    "hint.loss-no-penalty": "this loss has no penalty: {0} is not part of it.",
    "err.grade.unknown-loss": "unknown loss {0!r}; the losses: {1}",
    "hint.penalty-term-wrong": "the penalty's term of $∂J/∂${0} is {1}, not {2}.",
    "hint.penalty-missing":
        "the penalty's term {0} is missing: ∂J/∂{1} has the derivative of the penalty too.",
    "head.penalty": "The penalty on the weights",
    "para.penalty-l2": "The cost adds an L2 penalty (weight decay) of strength λ = {0} on the "
                       "weights {1}; it is part of J, not of each ℓᵢ.",
    "para.penalty-l1": "The cost adds an L1 penalty of strength λ = {0} on the weights {1}; it "
                       "is part of J, not of each ℓᵢ.",
    "note.penalty-l2": "L2 penalty λ/(2m)·Σ w²",
    "note.penalty-l1": "L1 penalty (λ/m)·Σ |w|",
    "note.penalty-only": "only this weight's term depends on it",
    "term.every-weight": "W (every weight of every layer; w below stands for any one of them)",
    "extrema.least-periodic":
        "The least value of {0} is {1}, at {2} (n any integer): f repeats with period {3}.",
    "note.periodic-listed":
        "f is periodic with period {0}: the stationary points are listed in one period, [0, {0}); "
        "every other one is one of them plus a multiple of {0}",
}
