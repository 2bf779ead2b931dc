#!/usr/bin/env bash
# The course's two commands:
#   bash course.sh lab    set everything up and open the course in JupyterLab
#   bash course.sh test   set everything up and run the full test suite
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

PYTHON=${PYTHON:-python3}
VENV=.venv

say() { printf '\033[1m[course]\033[0m %s\n' "$*"; }

python_env() {
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    say "Python 3.11 or newer is needed (found: $("$PYTHON" --version 2>&1 || echo none))."; exit 1
  fi
  [ -x "$VENV/bin/python" ] || { say "creating the virtual environment in $VENV"; "$PYTHON" -m venv "$VENV"; }
  local stamp="$VENV/.requirements.sha256" want
  want=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing the pinned requirements (first time: a few minutes)"
    if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$VENV/bin/python" -m pip install --disable-pip-version-check \
        -r requirements.txt > "$VENV/pip-install.log" 2>&1; then
      tail -n 40 "$VENV/pip-install.log"; say "installing the requirements failed (full log: $VENV/pip-install.log)"; exit 1
    fi
    echo "$want" > "$stamp"
  fi
}

# Debian packages the tests use: Chromium (browser tests) and bubblewrap (grading sandbox).
system_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium chromium-driver)
  command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  if command -v apt-get >/dev/null 2>&1 && ($sudo true) 2>/dev/null; then
    say "installing Debian packages: ${missing[*]}"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null \
      || { $sudo apt-get update -q >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null; }
  else
    say "please install: ${missing[*]} (e.g. sudo apt-get install -y ${missing[*]}); the tests that need them will say so"
  fi
}

run_tests() {
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 MPLBACKEND=Agg
  local py="$VENV/bin/python" status=0
  say "1/4 code style (ruff)";                    "$py" -m ruff check . || status=1
  say "2/4 helpers, grader and browser tests";    "$py" -m pytest tests/ -q || status=1
  say "3/4 lessons and solutions (nbval)";        "$py" -m pytest --nbval lessons/ solutions/ -q || status=1
  say "4/4 exercises run clean unanswered";       "$py" -m pytest --nbval-lax exercises/ -q || status=1
  [ $status -eq 0 ] && say "all tests passed" || say "some tests failed (see above)"
  return $status
}

case "${1:-}" in
  lab)
    python_env
    # From the course folder, so lessons/ and exercises/ are both in the file browser;
    # the default URL (also the one printed) opens lesson 01.
    args=(--ServerApp.root_dir="$PWD" --LabApp.default_url=/lab/tree/lessons/01-partial-derivatives.ipynb)
    [ "$(id -u)" -eq 0 ] && args+=(--allow-root)
    say "opening JupyterLab (stop it with Ctrl+C)"
    exec "$VENV/bin/jupyter" lab "${args[@]}"
    ;;
  test)
    python_env
    system_packages
    run_tests
    ;;
  *)
    echo "usage: bash course.sh lab | test"; exit 2 ;;
esac
