#!/usr/bin/env bash
# The Allure history (allure-history.jsonl: one point per run, the report's trends) kept on a
# branch of its own, one file per environment: <env>/allure-history.jsonl on `allure-history`.
# A branch outlives Actions caches (evicted after 7 days unused) and artifacts (90 days at
# most), costs one small commit a night, and can be read with plain git.
#
#   bash scripts/allure-history-branch.sh restore <env> [file]   # read access is enough
#   bash scripts/allure-history-branch.sh save <env> [file]      # needs contents: write
#
# Run inside a checkout whose `origin` can be fetched (and pushed, to save).
set -euo pipefail
BRANCH="${ALLURE_HISTORY_BRANCH:-allure-history}"
command="${1:?restore or save}"
env="${2:?environment}"
file="${3:-allure-history.jsonl}"
[[ "$env" =~ ^[a-z0-9-]+$ ]] || { echo "allure-history: bad environment name: $env" >&2; exit 2; }

restore() {
  if ! git fetch -q --depth=1 origin "$BRANCH" 2>/dev/null; then
    echo "allure-history: no $BRANCH branch yet; the trend starts with this run"
    return 0
  fi
  if git show "FETCH_HEAD:$env/allure-history.jsonl" > "$file" 2>/dev/null; then
    echo "allure-history: restored $(wc -l < "$file") point(s) for $env from $BRANCH"
  else
    rm -f "$file"
    echo "allure-history: no history for $env on $BRANCH yet"
  fi
}

save() {
  [ -s "$file" ] || { echo "allure-history: no $file to save"; return 0; }
  local source wt attempt
  source="$(realpath "$file")"
  git config user.name 'github-actions[bot]'
  git config user.email '41898282+github-actions[bot]@users.noreply.github.com'
  # Another environment's report may push between our fetch and our push: fetch again, 3 tries.
  for attempt in 1 2 3; do
    wt="$(mktemp -d)"
    if git fetch -q --depth=1 origin "$BRANCH" 2>/dev/null; then
      git worktree add -q --detach "$wt" FETCH_HEAD
    else
      git worktree add -q --detach "$wt" HEAD
      # The first night: a branch with no past, holding the history files only.
      git -C "$wt" checkout -q --orphan "allure-history-$$-$attempt"
      git -C "$wt" rm -rfq --ignore-unmatch .
    fi
    mkdir -p "$wt/$env"
    cp "$source" "$wt/$env/allure-history.jsonl"
    git -C "$wt" add "$env/allure-history.jsonl"
    if git -C "$wt" diff --cached --quiet; then
      echo "allure-history: $env unchanged"
      git worktree remove --force "$wt"
      return 0
    fi
    git -C "$wt" commit -qm "Allure history: $env, $(wc -l < "$source") point(s)${GITHUB_RUN_ID:+, run $GITHUB_RUN_ID}"
    if git -C "$wt" push -q origin "HEAD:refs/heads/$BRANCH"; then
      echo "allure-history: saved $env to $BRANCH"
      git worktree remove --force "$wt"
      return 0
    fi
    echo "allure-history: push refused (attempt $attempt of 3), fetching again" >&2
    git worktree remove --force "$wt"
  done
  echo "allure-history: could not save $env to $BRANCH" >&2
  return 1
}

"$command"
