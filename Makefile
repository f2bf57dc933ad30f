# The README's two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Where `make run` listens: this machine only, unless you open it up on purpose
# (`make run VEERKRACHT_ADDRESS=0.0.0.0`, behind a TLS proxy: docs/deployment.md).
VEERKRACHT_ADDRESS ?= 127.0.0.1
# Debian packages: WeasyPrint's Pango, Chromium for kaleido and Playwright,
# poppler for reading PDFs back, fonts for the report, LibreOffice Impress for
# opening the slide deck in the tests.
DEBIAN_PACKAGES := chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 \
	libharfbuzz-subset0 fonts-dejavu-core fonts-open-sans libreoffice-impress

.PHONY: run test lint install system-packages bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	touch $(STAMP)

install: $(STAMP)

system-packages:
	@if dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(DEBIAN_PACKAGES); \
	else \
		echo "Missing Debian packages; run as root or: sudo apt-get install $(DEBIAN_PACKAGES)" >&2; exit 1; \
	fi

run: system-packages install
	$(BIN)/veerkracht db upgrade --demo-if-empty
	$(BIN)/streamlit run app.py --server.address $(VEERKRACHT_ADDRESS) --server.port 8501 \
		--server.headless true --browser.gatherUsageStats false

lint: install
	$(BIN)/ruff check .

test: system-packages install lint
	$(BIN)/python -m pytest

bench: install
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
