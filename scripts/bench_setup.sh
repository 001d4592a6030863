#!/usr/bin/env bash
# Installs the load generator for `make bench`: wrk (Debian package) unpacked into .tools/bench
# with its LuaJIT library, run through the .tools/bench/wrk wrapper (LD_LIBRARY_PATH set).
# Nothing is installed system-wide; idempotent (a second run does nothing).
set -euo pipefail
cd "$(dirname "$0")/.."

dest=.tools/bench
wrapper="$dest/wrk"
if [ -x "$wrapper" ] && [[ "$("$wrapper" -v 2>&1 || true)" == wrk* ]]; then
  exit 0
fi
command -v apt-get >/dev/null || { echo "bench_setup: needs apt-get (Debian/Ubuntu) to fetch wrk" >&2; exit 1; }
started=$(date +%s%N)
mkdir -p "$dest/debs" "$dest/root"
(cd "$dest/debs" && apt-get download wrk libluajit2-5.1-2 >/dev/null 2>&1 \
  || apt-get download wrk libluajit-5.1-2 >/dev/null)
for deb in "$dest"/debs/*.deb; do dpkg -x "$deb" "$dest/root"; done
libdir=$(dirname "$(find "$PWD/$dest/root" -name 'libluajit-5.1.so.2*' | head -1)")
cat > "$wrapper" <<WRAP
#!/bin/sh
LD_LIBRARY_PATH="$libdir\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec "$PWD/$dest/root/usr/bin/wrk" "\$@"
WRAP
chmod +x "$wrapper"
"$wrapper" -v 2>&1 | head -1 || true
echo "bench_setup: wrk installed into $dest in $(( ($(date +%s%N) - started) / 1000000 )) ms"
