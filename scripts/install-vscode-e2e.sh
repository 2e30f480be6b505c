#!/usr/bin/env bash
# Installs what the extension-host and UI suites need on a machine that cannot download desktop VS Code:
# code-server (a real VS Code build, from npm) into .cache/code-server/ with a launcher at .cache/code-server/bin/code-server,
# plus the Debian packages chromium (driven by playwright-core), ripgrep, libkrb5-dev, build-essential and python3.
# Nothing else is installed globally. A second run with everything in place does nothing (prints "already installed").
#   CODE_SERVER_VERSION  default 4.100.3 (= VS Code 1.100.3, runs on Node 20)
#   SKIP_APT=1           do not touch apt even if a package is missing
# Recipe and the reasons for each workaround: ../shared/recipes/vscode-e2e/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
DIR="$ROOT/.cache/code-server"
LAUNCHER="$DIR/bin/code-server"
STAMP="$DIR/.installed"
NODE_BIN="$(command -v node)"
NODE_DIR="${NODE_DIR:-$(cd "$(dirname "$NODE_BIN")/.." && pwd)}"   # must hold include/node (headers for node-gyp)
t0=$(date +%s)
done_msg() { echo "vscode-e2e: $1 in $(( $(date +%s) - t0 ))s"; }

# 1. Debian packages, only the missing ones (apt-get update only when something is missing).
APT_PACKAGES=(chromium ripgrep libkrb5-dev build-essential python3)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "${SKIP_APT:-0}" = 1 ]; then echo "vscode-e2e: missing Debian packages (SKIP_APT=1): ${missing[*]}" >&2; exit 1; fi
  echo "vscode-e2e: apt-get install ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# 2. code-server, skipped when this version was installed with this Node (native addons are built for one Node ABI).
want="code-server@$CS_VERSION node@$("$NODE_BIN" -p process.versions.modules)"
if [ -x "$LAUNCHER" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] \
   && [ -f "$DIR/node_modules/code-server/out/node/entry.js" ]; then
  done_msg "already installed ($want)"
  exit 0
fi
[ -f "$NODE_DIR/include/node/node_api.h" ] || { echo "vscode-e2e: no Node headers under $NODE_DIR/include/node (set NODE_DIR)" >&2; exit 1; }
echo "vscode-e2e: installing $want into $DIR (about 2 minutes on 2 cores; log: $DIR/install.log)"
rm -f "$STAMP"
mkdir -p "$DIR/bin" "$DIR/tmp"
export TMPDIR="$DIR/tmp"

# @vscode/ripgrep 1.15.11 (code-server 4.100.x) downloads rg from GitHub in its postinstall unless its cache holds the
# asset; seed it with Debian's rg.
seed="$TMPDIR/vscode-ripgrep-cache-1.15.11"
mkdir -p "$seed" "$TMPDIR/rg"
cp "$(command -v rg)" "$TMPDIR/rg/rg"
tar czf "$seed/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rg" rg

# The postinstall runs `npm install` in lib/vscode and builds node-pty, spdlog, kerberos, argon2 … with node-gyp:
# unsafe_perm (root), yes (node-pty's `npx node-gyp`), nodedir (headers from the system Node, no download).
cd "$DIR"
[ -f package.json ] || echo '{"name":"code-server-local","private":true}' > package.json
if ! npm_config_yes=true npm_config_nodedir="$NODE_DIR" npm_config_unsafe_perm=true \
     npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION" > "$DIR/install.log" 2>&1; then
  tail -40 "$DIR/install.log"
  echo "vscode-e2e: npm install code-server@$CS_VERSION failed (full log: $DIR/install.log)" >&2
  exit 1
fi

# The launcher pins the Node binary the native addons were built for.
cat > "$LAUNCHER" <<EOF
#!/bin/sh
exec "$NODE_BIN" "$DIR/node_modules/code-server/out/node/entry.js" "\$@"
EOF
chmod +x "$LAUNCHER"
# Smoke test; XDG dirs and --config keep code-server from writing into the home directory.
XDG_DATA_HOME="$TMPDIR/xdg" XDG_CONFIG_HOME="$TMPDIR/xdg" XDG_CACHE_HOME="$TMPDIR/xdg" \
  "$LAUNCHER" --config /dev/null --user-data-dir "$TMPDIR/ud" --version
rm -rf "$TMPDIR/rg" "$TMPDIR/ud" "$TMPDIR/xdg"
echo "$want" > "$STAMP"
done_msg "installed $want ($(du -sh "$DIR" | cut -f1))"
