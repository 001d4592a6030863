# The only entry points. `make run` starts the demo, `make test` runs every test (what CI runs).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .tools/venv
PY     := $(VENV)/bin/python
WASM   := target/wasm32-wasip1/release/promptwall_filter.wasm
CLI    := target/release/promptwall
ENVOY  := $(or $(ENVOY_BIN),$(ENVOY_PATH),$(VENV)/bin/envoy)
CONFIGS := $(wildcard envoy-config/*.yaml)

# Soak: 20000 requests (allowed, blocked, streamed with redaction) through Envoy --concurrency 2,
# memory bounds asserted (about 100 s here, so `make test` runs the same test with 2000).
soak: build
	SOAK_REQUESTS=20000 $(PY) -m pytest integration-tests/test_soak.py -q -s -p no:cacheprovider

# Test-only module that traps on a magic header (filter feature `fault-injection`), in its own target
# directory so it can never be mistaken for the release module.
FAULT_TARGET := target/fault-injection

.PHONY: help setup build build-fault-injection soak lint unit validate-configs integration repro test run eval bench fuzz fuzz-smoke

help:
	@echo "make run    - Envoy + promptwall in front of the built-in fake LLM (or PROMPTWALL_UPSTREAM=http://host:port)"
	@echo "make test   - every check: fmt, clippy, unit tests, config validation, end-to-end tests through Envoy"
	@echo "make build  - promptwall.wasm and the promptwall CLI (release)"
	@echo "make repro  - reproducible promptwall.wasm: two clean builds, identical, sha256 printed (for WasmPlugin/EnvoyExtensionPolicy)"
	@echo "make lint   - cargo fmt --check and clippy -D warnings"
	@echo "make bench  - Envoy load bench (no filter / no-op wasm / promptwall) + engine microbenchmarks -> docs/benchmarks.md (BENCH_QUICK=1: ~1 min)"
	@echo "make fuzz   - every cargo-fuzz target for FUZZ_SECONDS each (default 60; needs nightly)"
	@echo "make eval   - injection, secrets and PII rates per category and throughput on ../shared/corpora (if present)"

setup:
	@scripts/setup.sh

build: setup
	cargo build --release --locked --target wasm32-wasip1 -p promptwall-filter
	cargo build --release --locked -p promptwall-cli -p promptwall-extproc
	@ls -l $(WASM) | awk '{print "promptwall.wasm: " $$5 " bytes"}'

build-fault-injection: setup
	cargo build --release --locked --target wasm32-wasip1 -p promptwall-filter --features fault-injection --target-dir $(FAULT_TARGET)

lint:
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings

unit:
	cargo test --locked --workspace

# Every shipped Envoy config must load, wasm module and inline policy included.
validate-configs: build
	@for c in $(CONFIGS); do \
	  $(ENVOY) --mode validate -c $$c --log-level error >/dev/null || { echo "envoy rejected $$c"; exit 1; }; \
	  echo "envoy --mode validate: $$c OK"; \
	done

integration: build build-fault-injection
	$(PY) -m pytest integration-tests -q -p no:cacheprovider

# Two clean release builds of the module in target/repro/{a,b} with local paths remapped; fails
# unless they are byte-identical. Prints the sha256 to pin; the module is target/repro/promptwall.wasm.
# About 90 s on 2 busy cores, so it is part of `make test` (before the end-to-end tests, which close the run).
repro: setup
	@scripts/repro_build.sh

test: setup lint unit fuzz-smoke validate-configs repro integration

# Fuzzing (docs/fuzzing.md): each target in fuzz/ for a fixed time, asserting its invariants.
FUZZ_SECONDS ?= 60
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

# A few seconds per target, built once: part of `make test`.
fuzz-smoke:
	FUZZ_SEED=1 scripts/fuzz.sh $(or $(FUZZ_SMOKE_SECONDS),5)

run: build
	$(PY) scripts/run_demo.py

# Detection rates per category and engine throughput on the shared development corpus, when the
# checkout sits next to it (corpora are measurement data and never live in this repository).
EVAL_CORPORA := $(or $(CORPUS),$(wildcard ../shared/corpora/injection_dev.jsonl ../shared/corpora/secrets_dev.jsonl ../shared/corpora/pii_dev.jsonl))
eval:
	@if [ -z "$(EVAL_CORPORA)" ]; then \
	  echo "make eval: no corpus in ../shared/corpora (set CORPUS=FILE.jsonl); nothing to measure"; \
	else \
	  cargo build --release --locked -p promptwall-cli && \
	  for c in $(EVAL_CORPORA); do echo "## $$c"; $(CLI) eval --corpus "$$c" $(if $(POLICY),--policy $(POLICY)) || exit 1; echo; done; \
	fi

# Not part of `make test`: loopback load through Envoy (no filter, the no-op wasm filter, promptwall),
# streaming latency, memory, start time, and the engine microbenchmarks; writes docs/benchmarks.md.
# wrk is unpacked into .tools/bench by scripts/bench_setup.sh. BENCH_QUICK=1 for a short run.
bench: setup
	@scripts/bench_setup.sh
	cargo build --release --locked --target wasm32-wasip1 -p promptwall-filter -p promptwall-noop-filter
	cargo build --release --locked -p promptwall-bench -p promptwall-extproc
	$(PY) bench/envoy_bench.py
