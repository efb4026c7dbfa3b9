#!/usr/bin/env bash
# The Debian packages the tests need besides Python, installed in one place
# for `make test` and `.ci/run`:
#   python3-venv               `python3 -m venv` (only when ensurepip is missing)
#   libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0, fonts-dejavu-core
#                              WeasyPrint's libraries and the PDFs' font
#   fonts-dejavu-extra         the oblique face of the paper lists (registration/exports/paper.py)
#   chromium, chromium-driver  the browser journeys and accessibility tests
#   gettext                    the translation-extraction test (makemessages)
#   nodejs, npm                axe-core for the accessibility tests (npm ci)
# PDFs are read with pypdf (requirements-dev.txt), so poppler is not needed.
#
# Usage: .ci/system-packages.sh [PACKAGE[:COMMAND] ...]   (extra packages, e.g. .ci/run's services)
#
# A package counts as present when its COMMAND is on PATH (or, without one,
# when dpkg has it installed). Missing packages are installed with apt-get
# when this runs as root on Debian (with sudo in CI). Otherwise it prints the
# one command to run and exits 0: the tests that need a missing program skip
# and say why; under CI=true or REQUIRE_SERVICES=1 it exits 1 (and those
# tests would fail rather than skip).
set -euo pipefail

runtime=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-dejavu-extra)
wanted=(
    "${runtime[@]}"
    chromium:chromium chromium-driver:chromedriver gettext:msgfmt nodejs:node npm:npm
    "$@"
)
"${PYTHON:-python3}" -c "import ensurepip" 2>/dev/null || wanted+=(python3-venv)

present() {
    local package="${1%%:*}" command="${1#*:}"
    if [ "$command" != "$1" ]; then
        command -v "$command" >/dev/null 2>&1
    elif command -v dpkg-query >/dev/null 2>&1; then
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"
    else
        true  # not Debian: a library package cannot be checked by name
    fi
}

missing=()
for entry in "${wanted[@]}"; do
    present "$entry" || missing+=("${entry%%:*}")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

in_ci() { [ "${CI:-}" = "true" ] || [ "${REQUIRE_SERVICES:-0}" = "1" ]; }
debian() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

command="apt-get install -y --no-install-recommends ${missing[*]}"
if debian; then
    if [ "$(id -u)" -eq 0 ]; then
        sudo=""
    elif in_ci && command -v sudo >/dev/null 2>&1; then
        sudo="sudo"
    else
        sudo="none"
    fi
    if [ "$sudo" != "none" ]; then
        echo "==> Installing Debian packages for the tests: ${missing[*]}"
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
        exit 0
    fi
    advice="sudo $command   (or run make test as root)"
else
    advice="the equivalent of: $command   (Debian names; use your system's package manager)"
fi

if in_ci; then
    echo "CI=true / REQUIRE_SERVICES=1: the tests need ${missing[*]}; install: $advice" >&2
    exit 1
fi
echo "Missing for some tests: ${missing[*]}. The browser, accessibility and translation-extraction" >&2
echo "tests that need them will be skipped (each says why). To run them: $advice" >&2
for package in "${runtime[@]}"; do
    if [[ " ${missing[*]} " == *" $package "* ]]; then
        echo "The portal's PDFs (WeasyPrint) need ${runtime[*]}: its PDF tests fail until they are installed." >&2
        break
    fi
done
exit 0
