"""pytest settings for the tutorial's folder.

The suite runs with --doctest-modules, which would import every .py file here as a module
named after its file.  ``regenerate.py`` would then clash with docs/regenerate.py and this
``conftest.py`` with tests/conftest.py ("import file mismatch" under pytest's default import
mode).  Neither holds doctests, so neither is collected; tests/test_tutorial.py loads
``regenerate.py`` by path and tests it.
"""

collect_ignore = ["regenerate.py", "conftest.py"]
