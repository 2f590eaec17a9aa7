# Two entry points: `make demo` and `make test`. Both build .venv from scratch when missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[examples,fast,bench]' pytest hypothesis
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) examples/watermelon.py

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) benchmarks/bench.py
	$(PY) benchmarks/derive_scale.py

clean:
	rm -rf $(VENV) build *.egg-info
