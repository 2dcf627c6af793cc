#!/usr/bin/env bash
# Creates (once) a Python virtualenv with the given PyPI packages under ~/.cache/fsc/<name>, and prints its path.
#   .ci/venv.sh NAME PACKAGE==VERSION...
# Idempotent and fast when cached: a finished install leaves a stamp file naming the packages; a different
# package list rebuilds the venv. FSC_VENV_DIR overrides the folder.
set -euo pipefail
NAME="$1"; shift
PACKAGES=("$@")
VENV="${FSC_VENV_DIR:-$HOME/.cache/fsc/$NAME}"
if [ -f "$VENV/.fsc-installed" ] && [ "$(cat "$VENV/.fsc-installed")" = "${PACKAGES[*]}" ]; then
  echo "$VENV"
  exit 0
fi
PYTHON="$(command -v python3.11 || command -v python3)"  # Airflow and moto both support Python 3.10 to 3.12
if ! "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1; then  # Debian splits these into python3-venv
  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check --upgrade pip >&2
"$VENV/bin/pip" install -q --disable-pip-version-check "${PACKAGES[@]}" >&2
echo "${PACKAGES[*]}" > "$VENV/.fsc-installed"
echo "$VENV"
