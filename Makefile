# Optima CRM for Odoo 19.0 – developer commands. Odoo 19.0 must be importable by
# $(PYTHON) (python3, or the interpreter named in ODOO_PYTHON): see README.md.
PYTHON ?= $(or $(ODOO_PYTHON),python3)
DEV = $(PYTHON) scripts/optima_dev.py
ADDONS ?=

.PHONY: help check demo test lint wheels i18n readme bench clean

help:
	@echo "make demo     create/update the database optima_demo and serve http://localhost:8069"
	@echo "make test     run every test in a throwaway database (ADDONS=optima_dunning for one addon)"
	@echo "make lint     ruff and pylint-odoo with OCA's configuration"
	@echo "make wheels   build one wheel per addon into dist/"
	@echo "make bench    scale benchmarks (tests/bench/): timings and SQL query counts"
	@echo "make check    check that Odoo, PostgreSQL and the Python packages are there"
	@echo "make readme   write each addon's README.rst from its readme/ fragments"
	@echo "make i18n     export each addon's .pot and merge it into i18n/pl.po (DB=name to reuse one)"

check:
	@$(DEV) check

demo:
	@$(DEV) demo

test:
	@$(DEV) test --addons "$(ADDONS)"

lint:
	@$(DEV) check >/dev/null
	$(PYTHON) -m ruff check addons tests scripts conftest.py
	$(PYTHON) -m ruff format --check addons tests scripts conftest.py
	$(PYTHON) -m pylint --rcfile=.pylintrc addons/*

wheels:
	@$(DEV) wheels

readme:
	@$(DEV) readme

i18n:
	@$(DEV) i18n $(if $(DB),--database $(DB)) --addons "$(ADDONS)"

bench:
	@for script in tests/bench/bench_*.py; do echo "== $$script"; $(PYTHON) $$script || exit 1; done

clean:
	rm -rf dist build addons/*/build addons/*/*.egg-info
