# Shared by scripts/lint-openapi and tests/typing: the pinned npm tools of the test run
# (scripts/openapi-lint/package*.json: Redocly CLI, Spectral, pyright), installed once into the
# git-ignored .npm-tools/ and reinstalled only when the lock file changes.
NPM_TOOLS=.npm-tools

ensure_npm_tools() {
  local lock=scripts/openapi-lint/package-lock.json bin=$NPM_TOOLS/node_modules/.bin tool
  for tool in redocly spectral pyright; do
    if ! cmp -s "$lock" "$NPM_TOOLS/.installed-lock" || [ ! -x "$bin/$tool" ]; then
      command -v npm >/dev/null || { echo "npm (Node.js >= 20.19) is needed to install $NPM_TOOLS" >&2; return 1; }
      echo "installing the pinned npm tools into $NPM_TOOLS" >&2
      rm -rf "$NPM_TOOLS"
      mkdir -p "$NPM_TOOLS"
      cp scripts/openapi-lint/package.json "$lock" "$NPM_TOOLS/"
      (cd "$NPM_TOOLS" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
      cp "$lock" "$NPM_TOOLS/.installed-lock"
      return 0
    fi
  done
}
