#!/usr/bin/env bash
# Times `make test` on a fresh clone (new virtualenv, node_modules and database), as a new
# developer or CI meets it. Package caches of the machine are used, as they would be.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone --quiet "$root" "$work/commonground"
cd "$work/commonground"
start=$(date +%s)
make test >"$work/make-test.log" 2>&1 || { tail -40 "$work/make-test.log"; exit 1; }
end=$(date +%s)
tail -1 "$work/make-test.log"
echo "cold make test: $((end - start)) s"
