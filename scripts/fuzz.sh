#!/usr/bin/env bash
# Run the cargo-fuzz targets in fuzz/ for a fixed time each.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     (default: $FUZZ_SECONDS or 60, every target)
# Needs the nightly toolchain (`cargo +nightly`); installs cargo-fuzz into .tools/cargo-fuzz once.
# Builds every target once, then runs each from a scratch copy of its seed corpus (the checked-in
# seeds stay as written) and prints libFuzzer's final stats line per target. Exits non-zero on the
# first crash, timeout, or invariant failure; the reproducer is left in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SECONDS_PER_TARGET=${1:-${FUZZ_SECONDS:-60}}
shift || true
ALL_TARGETS=(request_dialects response_stream normalize_decode redactor policy_load)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")

TOOLS=$ROOT/.tools/cargo-fuzz
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is required (rustup toolchain install nightly)" >&2
  exit 1
fi
if [ ! -x "$TOOLS/bin/cargo-fuzz" ]; then
  echo "fuzz: installing cargo-fuzz into $TOOLS"
  cargo install --locked --root "$TOOLS" cargo-fuzz
fi
export PATH=$TOOLS/bin:$PATH

# One build for every target: optimised, with debug assertions (integer overflow panics, as it
# would silently wrap in the release wasm), no sanitizer (the engine is safe Rust; ASan only slows
# it down). The same flags for run, so it reuses this build.
FLAGS=(-O -a --sanitizer none)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd fuzz
if ! cargo +nightly fuzz build "${FLAGS[@]}" >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log" >&2
  echo "fuzz: build failed" >&2
  exit 1
fi
status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "$WORK/$t" "artifacts/$t"
  log=$WORK/$t.log
  # New inputs go to the scratch directory (first); the seeds are read only.
  dirs=("$WORK/$t" "corpus/$t")
  [ "$t" = policy_load ] && dirs+=(../policy-schema/examples ../policy-schema/invalid)
  # -timeout: one input over 10 s is a hang; -rss_limit_mb bounds memory (decoders must cap it).
  if cargo +nightly fuzz run "${FLAGS[@]}" "$t" "${dirs[@]}" -- \
      -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=1024 -max_len=8192 \
      -print_final_stats=1 ${FUZZ_SEED:+-seed="$FUZZ_SEED"} >"$log" 2>&1; then
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    speed=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
    cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1)
    printf 'fuzz %-18s ok   %ss  runs=%s  exec/s=%s  %s\n' "$t" "$SECONDS_PER_TARGET" "$runs" "$speed" "$cov"
  else
    status=1
    echo "fuzz $t FAILED; log tail:" >&2
    tail -40 "$log" >&2
    break
  fi
done
exit $status
