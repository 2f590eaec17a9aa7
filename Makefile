# Two entry points: `make demo` and `make test`. Both build .venv from scratch when missing.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench serve venv clean messages

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

# The message catalogues (symgrad/i18n/locale): the template extracted from the code (the
# keywords are in pyproject.toml's [tool.babel]), then each language's .po compiled to the .mo
# symgrad reads. Run it after editing a .po file; tests/test_messages.py fails until then.
# The template is replaced only when more than its date changed (no churn between branches).
LOCALE := symgrad/i18n/locale
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F pyproject.toml --no-wrap --sort-output --add-location=file \
	    --project=symgrad --version=0.1.0 --copyright-holder="The symgrad maintainers" \
	    -o $(LOCALE)/symgrad.pot.new symgrad
	if diff -q -I '^"POT-Creation-Date:' $(LOCALE)/symgrad.pot $(LOCALE)/symgrad.pot.new \
	    >/dev/null 2>&1; then rm $(LOCALE)/symgrad.pot.new; \
	else mv $(LOCALE)/symgrad.pot.new $(LOCALE)/symgrad.pot; fi
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D symgrad --statistics

# The web page on http://127.0.0.1:8000/ (PORT=… to change; HOST=0.0.0.0 to share it).
serve: $(STAMP)
	$(PY) -m symgrad serve --host $(or $(HOST),127.0.0.1) --port $(or $(PORT),8000)

clean:
	rm -rf $(VENV) build *.egg-info
