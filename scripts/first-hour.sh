#!/usr/bin/env bash
# A new user's first hour, on a fresh machine: the package as `npm pack`
# makes it (what a release attaches) installed into an empty folder without
# the registry, then the steps the README and docs/cli.md walk through, each
# output checked against what the docs say. Run after `npm run build`; ends
# with "first hour: N checks, N failed" and exits 1 when any failed.
#
#   bash scripts/first-hour.sh             packs and installs the package itself
#   bash scripts/first-hour.sh <folder>    a folder where the packed package is installed
#                                          (scripts/check-package.js passes its own)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1
checks=0
failures=0

# check <what> <expected exit code> <text the output must hold> <command…>
check() {
  local what="$1" want="$2" text="$3" out status=0
  shift 3
  out="$("$@" 2>&1)" || status=$?
  checks=$((checks + 1))
  if [ "$status" = "$want" ] && grep -qF -- "$text" <<<"$out"; then
    echo "ok  $what"
  else
    failures=$((failures + 1))
    echo "FAILED  $what: exit $status, expected $want and \"$text\" in:"
    head -20 <<<"$out" | sed 's/^/    /'
  fi
}

# The lines of a fenced block that follows a marker line in a markdown file.
block_after() {
  awk -v marker="$2" 'index($0, marker) == 1 { found = 1; next } found && /^```/ { if (inside) exit; inside = 1; next } inside { print }' "$1"
}

if [ -n "${1:-}" ]; then
  cd "$1"
  tarball="the packed package"
else
  tarball="$(cd "$root" && npm pack --silent --pack-destination "$work")"
  mkdir -p "$work/project"
  cd "$work/project"
  echo '{ "name": "a-new-users-repository", "private": true }' >package.json
  npm install --offline --no-audit --no-fund --loglevel=error "$work/$tarball" >/dev/null
fi
mkdir -p .github
version="$(node -p 'require(process.argv[1]).version' "$root/package.json")"
examples=node_modules/roadmap-guard/examples
roadmap_guard() { env -u GITHUB_TOKEN -u GH_TOKEN node_modules/.bin/roadmap-guard "$@"; }

check "$tarball, installed offline, says its version" 0 "$version" roadmap_guard --version

# The README's short policy, as a new user copies it.
block_after "$root/README.md" '<!-- policy:short -->' >.github/roadmap-policy.yml
check "validate: the README's short policy is valid" 0 ".github/roadmap-policy.yml: OK — " roadmap_guard validate
check "validate: a missing file is bad input (exit 2)" 2 "missing.yml" roadmap_guard validate missing.yml

# demo: the example roadmap, whose check fails on purpose; its first line as docs/cli.md shows it.
demo_first_line="$(block_after "$root/docs/cli.md" '<!-- example:demo -->' | head -1)"
check "demo: prints \"$demo_first_line\" and exits 1" 1 "$demo_first_line" roadmap_guard demo

# simulate: the short policy, then the what-if of docs/cli.md, on the snapshot that ships with the package.
check "simulate: the short policy on the shipped snapshot" 1 "Capacity budgets" roadmap_guard simulate --policy .github/roadmap-policy.yml --snapshot "$examples/acme-snapshot.json"
cp "$examples/roadmap-policy.yml" what-if.yml
sed -i.bak 's/max-share: 10%/max-share: 30%/' what-if.yml
check "simulate: the what-if of docs/cli.md (deal work fits a 30% cap)" 1 "Capacity budgets" roadmap_guard simulate --policy what-if.yml --snapshot "$examples/acme-snapshot.json" --at 2027-03-01
check "snapshot: without a token, says which to set (exit 2)" 2 "set GITHUB_TOKEN or GH_TOKEN" roadmap_guard snapshot --repo acme/app

# help: the general help, then each command it lists, with the exit codes.
check "help lists the commands and the exit codes" 0 "Exit codes:" roadmap_guard help
commands="$(roadmap_guard help | awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }')"
[ -n "$commands" ] || { echo "FAILED  help lists no command"; failures=$((failures + 1)); }
for command in $commands; do
  check "help $command: its own usage" 0 "Usage: roadmap-guard $command" roadmap_guard help "$command"
  check "help $command: the exit codes" 0 "Exit codes:" roadmap_guard help "$command"
done

echo "first hour: $checks checks, $failures failed"
[ "$failures" -eq 0 ]
