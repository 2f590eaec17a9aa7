"""Runtime: time and memory budgets (``budget``) and the worker processes that carry them out."""
