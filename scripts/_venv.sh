# Shared by scripts/test, scripts/demo and scripts/docs: create the venv and install the project
# with the given extras, skipping pip when pyproject.toml has not changed since the last install.
# The venv is .venv unless PRESS_BLOCKS_VENV names another folder: the tests run these scripts in
# venvs of their own (git-ignored .venv-*), holding only what each script installs.
VENV=${PRESS_BLOCKS_VENV:-.venv}

ensure_venv() {
  local extras=$1 stamp=$VENV/.installed-$1
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[$extras]"
    touch "$stamp"
  fi
}
