# Quick start: `make demo` (flagship walkthrough on the shipped HIGGS sample), `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.pytidy-installed

.PHONY: demo test doctest docs vignettes bench clean mutation typecheck

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# The CPU build of torch first, where the machine has it (a plain `torch` pulls a multi-GB CUDA build).
	$(PY) -m pip install -q "torch==2.13.0" || $(PY) -m pip install -q torch --index-url https://download.pytorch.org/whl/cpu || true
	$(PY) -m pip install -q -e ".[test,plots]"
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m pytidy.demo --out demo-output

test: $(STAMP)
	$(PY) -m pytest -q -p no:randomly
	$(PY) -m mypy $(TYPECHECK_PATHS)

docs: $(STAMP)
	$(PY) -m pip install -q -e ".[docs]"
	$(PY) -m sphinx -W -b html docs docs/_build/html

# Runs every vignette at its full size and renders it, with output and figures, into docs/vignettes/.
vignettes: $(STAMP)
	$(PY) tools/vignettes.py

bench: $(STAMP)
	$(PY) -m pip install -q -e ".[bench]"
	$(PY) -m pip install -q --no-deps "pytorch-tabnet==4.1.0" || echo "pytorch-tabnet not installed: the TabNet benchmark reports pytidy alone"
	for f in benchmarks/*.py; do $(PY) $$f || exit 1; done

# mypy (in the [test] extra) over the whole package (config in pyproject.toml [tool.mypy]); `make test`
# runs it after pytest.
TYPECHECK_PATHS ?= pytidy
typecheck: $(STAMP)
	$(PY) -m mypy $(TYPECHECK_PATHS)

# One-line breakages over tune, finetune, parsnip, engines/tabnet, yardstick and recipes; writes
# docs/dev/mutation.md with the share caught (target 90%). Long: run it alone.
mutation: $(STAMP)
	$(PY) tools/mutation.py

clean:
	rm -rf $(VENV) docs/_build demo-output
