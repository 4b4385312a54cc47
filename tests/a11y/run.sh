#!/bin/sh
# Accessibility test of a rendered site: tests/a11y/run.sh DIR
# Installs what is missing (Chromium from apt, axe-core and puppeteer-core from npm,
# without puppeteer's own browser download), then runs axe.mjs on DIR.
# To test the default theme with its mock data:
#   python3 tests/a11y/render_mock.py /tmp/iro-site-mock && tests/a11y/run.sh /tmp/iro-site-mock
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 DIR" >&2
  exit 2
fi
dir=$1
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM:-}" ]; then
  echo "installing chromium (apt-get)" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update >&2
  $sudo apt-get install -y chromium >&2
fi

if [ ! -d "$here/node_modules/axe-core" ] || [ ! -d "$here/node_modules/puppeteer-core" ]; then
  echo "installing axe-core and puppeteer-core (npm)" >&2
  (cd "$here" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund >&2)
fi

exec node "$here/axe.mjs" "$dir"
