# Two entry points: `make demo` and `make test`. Both build .venv from scratch when missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench serve venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade 'pip>=25.1'
	$(PY) -m pip install --quiet -e '.[examples,fast,web,progress,dask]' --group test --group bench
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) examples/watermelon.py

# Two workers: the machines have two cores (serially the suite takes about twice as long).
# Then the tests of wall-clock promises (marked "alone"), with the machine to themselves.
test: $(STAMP)
	$(PY) -m pytest -q -n 2 -m "not alone"
	$(PY) -m pytest -q -m alone

bench: $(STAMP)
	$(PY) benchmarks/bench.py
	$(PY) benchmarks/derive_scale.py
	$(PY) benchmarks/web_load.py

# The web page on http://127.0.0.1:8000/ (PORT=… to change; HOST=0.0.0.0 to share it).
serve: $(STAMP)
	$(PY) -m symgrad serve --host $(or $(HOST),127.0.0.1) --port $(or $(PORT),8000)

clean:
	rm -rf $(VENV) build *.egg-info
