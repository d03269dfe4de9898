#!/usr/bin/env bash
# The compatibility matrix: the CLI end-to-end run (test/e2e/e2e.ts: install, credentials, Return All, token
# refresh, missing permission, raw request, the push trigger) in each n8n version below besides 2.41.1 (which
# `npm run test:e2e` runs in full). Installs each version under .e2e/runtime-<version> the first time, prints
# each version's install and run time and its result, and exits 1 if any version failed.
#   npm run test:compat                      # every version below
#   bash test/e2e/compat.sh 1.123.81         # one version
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
# 1.123.81: the newest n8n 1.x on the registry. 2.0.0: the oldest n8n 2.x (README, "Compatibility").
versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then versions=(1.123.81 2.0.0); fi
summary=()
failed=0
for version in "${versions[@]}"; do
	echo "=== n8n $version"
	started=$SECONDS
	if ! bash test/e2e/install-n8n.sh "$version"; then
		summary+=("n8n $version: install FAILED after $((SECONDS - started)) s")
		failed=1
		continue
	fi
	installed=$((SECONDS - started))
	ran=$SECONDS
	log="$root/.e2e/compat-$version.log"
	E2E_N8N_VERSION="$version" node -r ts-node/register/transpile-only test/e2e/e2e.ts 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	tally="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)"
	if [ "$status" -ne 0 ]; then failed=1; fi
	summary+=("n8n $version: $([ "$status" -eq 0 ] && echo ok || echo FAIL) (${tally:-no tally}); install $installed s, run $((SECONDS - ran)) s")
done
echo "=== compatibility matrix"
printf '%s\n' "${summary[@]}"
exit $failed
