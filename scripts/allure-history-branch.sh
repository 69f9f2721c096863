#!/usr/bin/env bash
# The histories that make trends, kept on a branch of their own, one folder per environment:
# <env>/allure-history.jsonl (Allure's: pass rate and durations per test) and
# <env>/golden-history.jsonl (the suite's: each golden step's duration and the contract drift
# each run saw), on `allure-history`. A branch outlives Actions caches (evicted after 7 days
# unused) and artifacts (90 days at most), costs one small commit a night, and can be read with
# plain git.
#
#   bash scripts/allure-history-branch.sh restore <env> [file…]   # read access is enough
#   bash scripts/allure-history-branch.sh save <env> [file…]      # needs contents: write
#
# Each file is kept under its own name (default: allure-history.jsonl). Run inside a checkout
# whose `origin` can be fetched (and pushed, to save).
set -euo pipefail
BRANCH="${ALLURE_HISTORY_BRANCH:-allure-history}"
command="${1:?restore or save}"
env="${2:?environment}"
shift 2
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(allure-history.jsonl)
[[ "$env" =~ ^[a-z0-9-]+$ ]] || { echo "allure-history: bad environment name: $env" >&2; exit 2; }
for file in "${files[@]}"; do
  [[ "$(basename "$file")" =~ ^[a-z0-9.-]+\.jsonl$ ]] || { echo "allure-history: not a history file name: $file" >&2; exit 2; }
done

restore() {
  if ! git fetch -q --depth=1 origin "$BRANCH" 2>/dev/null; then
    echo "allure-history: no $BRANCH branch yet; the trend starts with this run"
    return 0
  fi
  local file name
  for file in "${files[@]}"; do
    name="$(basename "$file")"
    if git show "FETCH_HEAD:$env/$name" > "$file" 2>/dev/null; then
      echo "allure-history: restored $(wc -l < "$file") point(s) of $name for $env from $BRANCH"
    else
      rm -f "$file"
      echo "allure-history: no $name for $env on $BRANCH yet"
    fi
  done
}

save() {
  local present=() file
  for file in "${files[@]}"; do
    if [ -s "$file" ]; then present+=("$(realpath "$file")"); else echo "allure-history: no $file to save"; fi
  done
  [ ${#present[@]} -gt 0 ] || return 0
  local wt attempt source
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
    for source in "${present[@]}"; do
      cp "$source" "$wt/$env/$(basename "$source")"
      git -C "$wt" add "$env/$(basename "$source")"
    done
    if git -C "$wt" diff --cached --quiet; then
      echo "allure-history: $env unchanged"
      git worktree remove --force "$wt"
      return 0
    fi
    git -C "$wt" commit -qm "Histories: $env, $(wc -l < "${present[0]}") point(s)${GITHUB_RUN_ID:+, run $GITHUB_RUN_ID}"
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
