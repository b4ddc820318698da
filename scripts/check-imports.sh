#!/usr/bin/env bash
# The import rules (README "How the engine works"), checked over the
# `crate::` paths of the library and the `crossread::` paths of the binary:
#   text, corpus, color  import nothing of the project;
#   analysis, search, stories  only text and corpus, never each other;
#   session              never tui (nor the binary's cli);
#   tui                  never the cli (the library has none to import);
#   cli (binary side)    never tui: src/main.rs alone knows both faces.
# Run by .ci/run. Exits 1 naming every file that breaks a rule.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0

# files_of MODULE: the module's files (a folder or a single file).
files_of() {
  if [ -d "src/$1" ]; then find "src/$1" -name '*.rs'; elif [ -f "src/$1.rs" ]; then echo "src/$1.rs"; fi
}

# check MODULE PREFIX ALLOWED...: every PREFIX::name used in MODULE's files
# is the module itself or one of ALLOWED.
check() {
  local module=$1 prefix=$2
  shift 2
  local allowed=" $module $* "
  local file used
  for file in $(files_of "$module"); do
    # Grouped imports (`crate::{a, b}`) would hide names from this check.
    if grep -qE "\\b${prefix}::\\{" "$file"; then
      echo "$file: use one ${prefix}::module path per import, not ${prefix}::{...}"
      status=1
    fi
    for used in $(grep -oE "\\b${prefix}::[a-z_]+" "$file" | sed "s/^${prefix}:://" | sort -u); do
      if [[ $allowed != *" $used "* ]]; then
        echo "$file: $module must not import $used (${prefix}::$used)"
        status=1
      fi
    done
  done
}

check text crate
check corpus crate
check color crate
check analysis crate text corpus
check search crate text corpus
check stories crate text corpus
check session crate text corpus analysis search stories
check tui crate text corpus analysis search stories session color
check synth crate corpus search
check cli crossread text corpus analysis search session color stories

if [ $status -eq 0 ]; then
  echo "import rules hold"
fi
exit $status
