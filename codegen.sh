#!/usr/bin/env bash
# Regenerate generated/press_blocks_api from openapi/press-blocks.yaml.
#
#   ./codegen.sh           regenerate generated/ (the only thing that ever writes it)
#   ./codegen.sh --check   exit 1 with a diff when generated/ is stale or was edited by hand
#
# The generator runs from its own pinned tool environment (.codegen-venv, from
# codegen/requirements.txt) with --fail-on-warning and with ruff verifiably on PATH: without
# ruff the generator exits 0 and leaves the code unformatted. Output goes to a scratch
# directory first and then replaces the package whole, so files of removed operations do
# not survive (the generator's --overwrite only clears api/ and models/).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
doc="$root/openapi/press-blocks.yaml"
config="$root/codegen/config.yaml"
requirements="$root/codegen/requirements.txt"
venv="${PRESS_BLOCKS_CODEGEN_VENV:-$root/.codegen-venv}"
target="$root/generated/press_blocks_api"

mode=write
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "codegen.sh: unknown argument '$1' (use --check or nothing)" >&2; exit 2 ;;
esac

# (Re)build the tool environment when it is missing or its pins changed.
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/openapi-python-client" ] || ! cmp -s "$requirements" "$stamp"; then
  echo "codegen.sh: installing the generator into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
fi
export PATH="$venv/bin:$PATH"
command -v ruff >/dev/null || { echo "codegen.sh: ruff is not on PATH; refusing to generate unformatted code" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
out="$scratch/press_blocks_api"

# The generator runs inside the scratch directory so its ruff hooks see no project config.
if ! (cd "$scratch" && openapi-python-client generate --path "$doc" --config "$config" --meta none \
        --custom-template-path "$root/codegen/templates" \
        --output-path "$out" --fail-on-warning >"$scratch/log" 2>&1); then
  cat "$scratch/log" >&2
  echo "codegen.sh: the generator failed or warned (see above)" >&2
  exit 1
fi
if grep -q "Warning" "$scratch/log"; then
  cat "$scratch/log" >&2
  echo "codegen.sh: the generator printed warnings" >&2
  exit 1
fi
# TypedDicts for every schema, so the ergonomic layer's plain-dict results type-check.
"$venv/bin/python" "$root/codegen/typed_dicts.py" "$doc" "$out/typed_dicts.py"
(cd "$scratch" && ruff check --isolated --fix-only --extend-select=I --quiet "$out/typed_dicts.py" \
  && ruff format --isolated --quiet "$out/typed_dicts.py")
# The table of operations (names, answer shapes, parameters) the ergonomic layer reads.
"$venv/bin/python" "$root/codegen/operations.py" "$doc" "$out/operations.py"
(cd "$scratch" && ruff format --isolated --quiet "$out/operations.py")
rm -rf "$out/.ruff_cache"
# --meta none emits no py.typed; the package is typed, so say so.
: >"$out/py.typed"

if [ "$mode" = check ]; then
  if [ ! -d "$target" ]; then
    echo "codegen.sh --check: $target does not exist; run ./codegen.sh" >&2
    exit 1
  fi
  if ! diff -ruN --exclude=__pycache__ "$target" "$out" >"$scratch/diff"; then
    cat "$scratch/diff"
    echo "codegen.sh --check: generated/ differs from what openapi/press-blocks.yaml generates (the diff above turns the committed files into fresh output); run ./codegen.sh" >&2
    exit 1
  fi
  echo "codegen.sh --check: generated/ is up to date"
  exit 0
fi

mkdir -p "$(dirname "$target")"
rm -rf "$target"
mv "$out" "$target"
echo "codegen.sh: regenerated $target"
