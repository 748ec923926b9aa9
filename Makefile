.DEFAULT_GOAL := help
.PHONY: help setup demo test lint bench screenshots migration

help:  ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

setup:  ## Debian libraries for Qt + .venv with the project and test tools
	scripts/bootstrap.sh

demo:  ## set up and open the app on demo data (user demo, password demo)
	scripts/demo.sh

test:  ## set up and run every test (offscreen)
	scripts/test.sh

lint:  ## ruff and import-linter
	.venv/bin/ruff check reinsercion_desktop tests
	.venv/bin/lint-imports

bench:  ## the benchmark table at office scale (20,000 participants)
	.venv/bin/reinsercion bench --scale office

screenshots:  ## refresh README screenshots from the real window under Xvfb
	scripts/screenshots.sh

migration:  ## new Alembic revision from the models: make migration REV=0002 MSG="what changed"
	.venv/bin/python scripts/new_migration.py $(REV) "$(MSG)"
