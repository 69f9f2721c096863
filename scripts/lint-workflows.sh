#!/usr/bin/env bash
# `npm run lint:workflows`: every workflow under .github/workflows through action-validator
# (it takes one file at a time). Fails when there is none, so a moved folder cannot pass.
set -uo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
files=(.github/workflows/*.yml .github/workflows/*.yaml)
[ ${#files[@]} -gt 0 ] || { echo "lint:workflows: no workflow files in .github/workflows" >&2; exit 1; }
failed=0
for f in "${files[@]}"; do
  if npx --no-install action-validator "$f"; then echo "ok      $f"; else echo "INVALID $f" >&2; failed=1; fi
done
exit $failed
