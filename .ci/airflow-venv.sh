#!/usr/bin/env bash
# Creates (once) the Python virtualenv with Apache Airflow that the Airflow integration test uses, and prints its
# path. Idempotent and fast when cached: the venv is keyed by the pinned versions, and a finished install leaves a
# stamp file naming the packages. Only PyPI is needed (Airflow's constraint files live on GitHub, so versions are pinned here instead).
set -euo pipefail
AIRFLOW_VERSION="${FSC_AIRFLOW_VERSION:-3.3.2}"
PACKAGES=(
  "apache-airflow==${AIRFLOW_VERSION}"
  "apache-airflow-providers-standard==1.21.0"
  "apache-airflow-providers-amazon==9.39.0"
)
VENV="${FSC_AIRFLOW_VENV:-$HOME/.cache/fsc/airflow-${AIRFLOW_VERSION}}"
if [ -f "$VENV/.fsc-installed" ] && [ "$(cat "$VENV/.fsc-installed")" = "${PACKAGES[*]}" ]; then
  echo "$VENV"
  exit 0
fi
PYTHON="$(command -v python3.11 || command -v python3)"  # Airflow 3 supports Python 3.10 to 3.13
if ! "$PYTHON" -c "import venv, ensurepip" >/dev/null 2>&1; then  # Debian splits these into python3-venv
  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
fi
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check --upgrade pip >&2
"$VENV/bin/pip" install -q --disable-pip-version-check "${PACKAGES[@]}" >&2
echo "${PACKAGES[*]}" > "$VENV/.fsc-installed"
echo "$VENV"
