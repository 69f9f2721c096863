#!/usr/bin/env bash
# Installs Artillery for `npm run load -- --engine artillery` into .bench-tools/artillery, from
# the lock file in scripts/artillery-install/ (every package pinned), outside the project's own
# dependencies: it is about 460 MB, which the two-command quick start does not need. Idempotent:
# nothing is done when the pinned version is already there. `--ignore-scripts`: Artillery's
# Playwright engine would download a browser in its postinstall; the golden scenario does not
# use it.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=.bench-tools/artillery
want="$(node -p 'require("./scripts/artillery-install/package.json").dependencies.artillery')"
have="$(node -p "try { require('./$dir/node_modules/artillery/package.json').version } catch { '' }")"
if [ "$have" = "$want" ] && cmp -s scripts/artillery-install/package-lock.json "$dir/package-lock.json"; then
  echo "setup:artillery: Artillery $want already installed in $dir"
  exit 0
fi

echo "setup:artillery: installing Artillery $want into $dir"
start=$(date +%s)
mkdir -p "$dir"
cp scripts/artillery-install/package.json scripts/artillery-install/package-lock.json "$dir/"
(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
echo "setup:artillery: done in $(( $(date +%s) - start )) s ($(du -sh "$dir/node_modules" | cut -f1))"
