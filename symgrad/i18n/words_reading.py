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
}
