#!/usr/bin/env bash
# Creates (once) a Python virtualenv with Apache Airflow for the Airflow integration tests, and prints its path.
#   .ci/airflow-venv.sh          # Airflow 3.x (what the DAGs target first), with the standard and amazon providers
#   .ci/airflow-venv.sh 2.10.5   # Airflow 2.10 (MWAA's), with the amazon provider only: the DAGs' 2.10 imports
# Idempotent and fast when cached (.ci/venv.sh). Only PyPI is needed (Airflow's constraint files live on GitHub,
# so versions are pinned here instead).
set -euo pipefail
AIRFLOW_VERSION="${1:-${FSC_AIRFLOW_VERSION:-3.3.2}}"
case "$AIRFLOW_VERSION" in
  3.*) PACKAGES=(
         "apache-airflow==${AIRFLOW_VERSION}"
         "apache-airflow-providers-standard==1.21.0"
         "apache-airflow-providers-amazon==9.39.0") ;;
  2.10.*) PACKAGES=(  # the last amazon provider release that supports Airflow 2.10 with these pins
         "apache-airflow==${AIRFLOW_VERSION}"
         "apache-airflow-providers-amazon==9.2.0") ;;
  *) echo ".ci/airflow-venv.sh: no package set for Airflow $AIRFLOW_VERSION (3.x or 2.10.x)" >&2; exit 2 ;;
esac
FSC_VENV_DIR="${FSC_AIRFLOW_VENV_DIR:-}" exec "$(dirname "$0")/venv.sh" "airflow-${AIRFLOW_VERSION}" "${PACKAGES[@]}"
