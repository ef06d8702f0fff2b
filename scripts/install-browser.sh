#!/usr/bin/env bash
# Install Debian's chromium for the dashboard's browser tests (tests/test_dashboard_browser.py).
# Idempotent: a no-op when chromium is already on PATH, or when not running as root (the
# browser tests then skip with a reason). Never downloads Playwright's own browsers.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
    echo "install-browser: chromium already installed at $(command -v chromium); nothing to do"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser: not root, so chromium is not installed; browser tests will skip" >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: no apt-get on this system; install chromium by hand" >&2
    exit 0
fi
echo "install-browser: installing chromium with apt-get"
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
