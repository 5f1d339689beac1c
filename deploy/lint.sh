#!/usr/bin/env bash
# Runs shellcheck over every shell script of the project: see --help.
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

usage() {
  cat <<'TXT'
Usage: deploy/lint.sh [--list]

Runs Debian's shellcheck (every check, every severity) over the launcher `runway` and every shell
script under deploy/ and bench/ (by name *.sh, or by a #!…sh first line). Any finding fails it:
fix it, or put a `# shellcheck disable=SCnnnn` directive with the reason beside the line.
Installs shellcheck with apt-get when it is missing (as root). `./runway test` runs it first.

Options:
  --list       print the files it checks, check nothing
  -h, --help   this text
TXT
}

# The project's shell scripts, relative to the root, one per line.
shell_files() {
  printf "%s\n" runway .ci/run
  local f
  while IFS= read -r -d '' f; do
    case "$f" in
      *.sh) echo "$f" ;;
      *) [[ $(head -c 64 "$f") =~ ^\#!(/usr/bin/env\ |/bin/)(ba)?sh ]] && echo "$f" ;;
    esac
  done < <(find deploy bench -type f ! -name '*.py' ! -name '*.md' -print0 | sort -z)
  return 0
}

main() {
  case "${1:-}" in
    -h|--help) usage; return 0 ;;
    --list) cd "$ROOT" && shell_files; return 0 ;;
    "") ;;
    *) echo "lint.sh: unknown option $1 (see --help)" >&2; return 2 ;;
  esac
  cd "$ROOT"
  if ! command -v shellcheck >/dev/null; then
    [[ $EUID -eq 0 ]] || { echo "lint.sh: shellcheck is missing (apt-get install shellcheck)" >&2; return 1; }
    echo "installing shellcheck with apt-get ..."
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q shellcheck; } > /tmp/runway-lint-apt.log 2>&1 ||
      { tail -n 20 /tmp/runway-lint-apt.log >&2; echo "lint.sh: apt-get install shellcheck failed" >&2; return 1; }
  fi
  local files
  mapfile -t files < <(shell_files)
  # -x follows `source` where a directive names the file; paths are relative to the root.
  if shellcheck -x -f gcc "${files[@]}"; then
    echo "shellcheck: ${#files[@]} scripts, no findings"
  else
    echo "shellcheck found problems in the scripts above (deploy/lint.sh --help)" >&2
    return 1
  fi
}

main "$@"
