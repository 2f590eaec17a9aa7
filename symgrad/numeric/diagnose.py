"""Why a descent stopped: a J that blew up (divergence), or a value that is not a number."""

from __future__ import annotations

import numpy as np

from ..errors import DivergenceError

#: J growing past this multiple of (1 + J₀) counts as exploding.
EXPLOSION = 1e10


def diagnose(J, last_grad, k, history, lr, derivation) -> None:
    """J at step k is not finite or exploded: say whether the gradient or the step size did it."""
    if not np.isfinite(np.asarray(last_grad, dtype=float)).all():
        where = "; ".join(derivation.caveats) or "a gradient is 0/0 or infinite there"
        raise ValueError(
            f"the gradient is not finite at step {k - 1} ({where}); "
            "start from another point or use a differentiable loss"
        )
    J0 = history[0] if history else J
    raise DivergenceError(
        f"gradient descent diverged at step {k}: J = {J:.4g} (started at {J0:.4g}); "
        f"try a smaller learning rate than {lr:g}",
        step=k, loss=float(J),
    )
