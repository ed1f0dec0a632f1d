# Shared by scripts/test: make sure a Chromium is there for the emulator inspector's browser
# tests (Debian's package; Playwright drives it, so no browser download). This never stops the
# run: when it cannot install, it writes why to build/chromium-install.log, and the browser
# tests then fail with that reason (they never skip).
ensure_chromium() {
  local log=build/chromium-install.log sudo=""
  if [ -n "${PRESS_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
    return 0
  fi
  mkdir -p build
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "no apt-get here: install Chromium yourself, or set PRESS_CHROMIUM to its binary" >"$log"
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      echo "not root and no password-less sudo: cannot run apt-get install chromium" >"$log"
      return 0
    fi
  fi
  echo "== installing Chromium (apt-get) for the inspector's browser tests"
  if ! { $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium; } >"$log" 2>&1; then
    echo "   apt-get install chromium failed; the browser tests will say why (see $log)"
  fi
}
