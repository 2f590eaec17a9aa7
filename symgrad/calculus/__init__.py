"""Calculus: derivative rules as a tree of named steps, derive, the algebra after the chain
rule, a network's chain and δ, and the vector (backprop) view.

``rule_steps`` (one class per rule) ← ``rules`` (finding them: ``diff_steps``) ←
``rules_functions`` (further functions) ← ``derive``, ``algebra``, ``chain``, ``backprop``.
"""
