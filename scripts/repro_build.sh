#!/usr/bin/env bash
# Reproducible release build of promptwall.wasm: build it twice, from scratch, in two separate
# target folders, and check both builds are byte-identical. Prints the sha256 to pin in
# WasmPlugin / EnvoyExtensionPolicy manifests and leaves the module at $REPRO_DIR/promptwall.wasm.
#
# Absolute paths (this checkout, cargo's home with the registry sources) are remapped so they do not
# end up in the module: the result depends on the sources, Cargo.lock and the toolchain only.
# The flags differ from `make build`, so its module has another sha256: ship the one built here.
#
# REPRO_DIR (default target/repro) holds the two target folders; it is emptied first. It is under
# target/ and not .tools/, because .tools may be a symlink shared between checkouts.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd -P)
cargo_home=$(cd "${CARGO_HOME:-$HOME/.cargo}" && pwd -P)
repro_dir=${REPRO_DIR:-target/repro}
wasm_name=promptwall_filter.wasm

# RUSTFLAGS replaces the rustflags of .cargo/config.toml: the SIMD flag set there is repeated here.
export RUSTFLAGS="-C target-feature=+simd128 --remap-path-prefix=$repo=/promptwall --remap-path-prefix=$cargo_home=/cargo"
export CARGO_INCREMENTAL=0
unset CARGO_BUILD_RUSTFLAGS CARGO_ENCODED_RUSTFLAGS

rm -rf "$repro_dir/a" "$repro_dir/b"
mkdir -p "$repro_dir"
start=$(date +%s)
for build in a b; do
  echo "repro: build $build in $repro_dir/$build" >&2
  CARGO_TARGET_DIR="$repro_dir/$build" \
    cargo build --quiet --release --locked --target wasm32-wasip1 -p promptwall-filter
done
seconds=$(( $(date +%s) - start ))

a="$repro_dir/a/wasm32-wasip1/release/$wasm_name"
b="$repro_dir/b/wasm32-wasip1/release/$wasm_name"
sha_a=$(sha256sum "$a" | cut -d' ' -f1)
sha_b=$(sha256sum "$b" | cut -d' ' -f1)
if [ "$sha_a" != "$sha_b" ]; then
  echo "repro: NOT reproducible: $a $sha_a, $b $sha_b" >&2
  exit 1
fi
for path in "$repo" "$cargo_home" "$HOME"; do
  if grep -qF "$path" "$a"; then
    echo "repro: $a contains the local path $path" >&2
    exit 1
  fi
done
cp "$a" "$repro_dir/promptwall.wasm"
echo "repro: two clean builds identical ($(stat -c %s "$a") bytes, ${seconds}s, $(rustc --version))" >&2
echo "$sha_a  $repro_dir/promptwall.wasm"
