"""Outline builders: one per kind of result (derivation, backprop, network, algebra, steps,
stationary points, traces, k-means)."""
