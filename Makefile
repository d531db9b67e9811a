PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install run serve test lint check messages catalogs bench superuser clean

install: $(STAMP)

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py load_seed_content
	DEBUG=1 $(PY) manage.py createinitialrevisions assembly --comment "Initial version" --verbosity 0
	PORT=$(PORT) DEBUG=1 $(PY) manage.py ensure_dev_superuser
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: install
	DEBUG=0 $(PY) manage.py collectstatic --noinput --verbosity 0
	DEBUG=0 $(PY) manage.py migrate --noinput
	DEBUG=0 $(VENV)/bin/gunicorn config.wsgi:application --config config/gunicorn.py

TEST_SECRET := test-only-secret-key-not-for-any-deployment-000

test: install
	SECRET_KEY=$${SECRET_KEY:-$(TEST_SECRET)} $(PY) -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo 'pytest collected no tests: failing'; exit 1; fi; exit $$status

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	DEBUG=1 $(PY) manage.py check --fail-level WARNING
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# The content languages of config/settings.py, as makemessages options.
LOCALES = $(shell DEBUG=1 $(PY) -c "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings'); django.setup(); from assembly import languages; print(*(f'--locale={code}' for code in languages.content_languages()))" 2>/dev/null)

messages: install
	DEBUG=1 $(PY) manage.py makemessages $(LOCALES) --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'tools/*' --no-obsolete
	DEBUG=1 $(PY) manage.py makemessages --domain djangojs $(LOCALES) --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'tools/*' --no-obsolete
	DEBUG=1 $(PY) manage.py compilemessages --ignore '.venv/*'

# Django's and the third-party apps' strings in the translated languages: fails below 100 %
# (needs gettext).
catalogs: install
	DEBUG=1 $(PY) tools/catalog_coverage.py --check

# N=10000 items, BENCH_DATABASE_URL=postgres://..., SOAK=1 for 60 s at 32 connections.
bench: install
	$(PY) tools/bench.py

clean:
	rm -rf $(VENV) var/static var/media-test
