"""symgrad: the mathematics of learning, exact and checkable."""
