# Shared by scripts/test and scripts/demo: create .venv and install the project with the
# given extra, skipping pip when pyproject.toml has not changed since the last install.
ensure_venv() {
  local extra=$1 stamp=.venv/.installed-$1
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[$extra]"
    touch "$stamp"
  fi
}
