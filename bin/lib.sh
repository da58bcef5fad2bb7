#!/usr/bin/env bash
# bin/lib.sh - shared helpers for the bin/* entry points and .ci/run.
# Source it after cd-ing to the repo root; do not run it. It finds a Python >= 3.11,
# manages the virtualenv (.venv, or $LICMAN_VENV) and installs the package into it,
# reinstalling only when pyproject.toml is newer than the install stamp.
set -euo pipefail

LICMAN_ROOT="$(pwd -P)"
if [[ ! -f "$LICMAN_ROOT/bin/lib.sh" ]]; then
    echo "licman: error: bin/lib.sh must be sourced from the repository root" >&2
    exit 1
fi

# Virtualenv location: $LICMAN_VENV (relative paths are taken from the repo root) or .venv.
LICMAN_VENV_DIR="${LICMAN_VENV:-.venv}"
[[ "$LICMAN_VENV_DIR" == /* ]] || LICMAN_VENV_DIR="$LICMAN_ROOT/$LICMAN_VENV_DIR"

export PIP_DISABLE_PIP_VERSION_CHECK=1
export PIP_NO_INPUT=1

licman_note() { printf 'licman: %s\n' "$*" >&2; }
licman_die() { printf 'licman: error: %s\n' "$*" >&2; exit 1; }

# Print the first usable Python >= 3.11 (one that can also create a venv); fail if none.
licman_find_python() {
    local cand path ok=0 novenv=""
    if [[ -n "${LICMAN_PYTHON:-}" ]] &&
        ! "$LICMAN_PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
        licman_note "warning: LICMAN_PYTHON=$LICMAN_PYTHON is not a working Python >= 3.11; trying others"
    fi
    for cand in "${LICMAN_PYTHON:-}" python3.13 python3.12 python3.11 python3; do
        [[ -n "$cand" ]] || continue
        path="$(command -v -- "$cand" 2>/dev/null)" || continue
        # pyenv shims exist for versions that are not active; running them is the only real test.
        "$path" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 || continue
        if "$path" -c 'import venv, ensurepip' >/dev/null 2>&1; then
            ok=1
            break
        fi
        novenv="$path"
    done
    if [[ "$ok" != 1 ]]; then
        if [[ -n "$novenv" ]]; then
            licman_die "$novenv cannot create virtualenvs (Debian/Ubuntu: apt-get install python3-venv), or set LICMAN_PYTHON"
        fi
        licman_die "no Python >= 3.11 found (tried \$LICMAN_PYTHON, python3.13, python3.12, python3.11, python3); install one or set LICMAN_PYTHON"
    fi
    printf '%s\n' "$path"
}

# Create the virtualenv unless a working one (Python >= 3.11) is already there.
licman_ensure_venv() {
    local py
    if "$LICMAN_VENV_DIR/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
        return 0
    fi
    if [[ -e "$LICMAN_VENV_DIR" ]]; then
        [[ -f "$LICMAN_VENV_DIR/pyvenv.cfg" ]] ||
            licman_die "$LICMAN_VENV_DIR exists but is not a virtualenv; move it away or set LICMAN_VENV"
        licman_note "virtualenv $LICMAN_VENV_DIR is broken or too old; recreating it"
        rm -rf -- "$LICMAN_VENV_DIR"
    fi
    py="$(licman_find_python)"
    licman_note "creating virtualenv $LICMAN_VENV_DIR with $("$py" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
    "$py" -m venv "$LICMAN_VENV_DIR"
}

# Stamp files: one per flavour; a dev install also counts as a base install.
licman_stamp() { printf '%s/.licman-install%s.stamp\n' "$LICMAN_VENV_DIR" "${1:+-$1}"; }

# Succeeds (returns 0) when the package must be (re)installed. Usage: licman_needs_install [--dev]
licman_needs_install() {
    local stamp
    if [[ "${1:-}" == --dev ]]; then stamp="$(licman_stamp dev)"; else stamp="$(licman_stamp)"; fi
    [[ -x "$LICMAN_VENV_DIR/bin/python" && -x "$LICMAN_VENV_DIR/bin/licman" && -f "$stamp" ]] || return 0
    [[ "$LICMAN_ROOT/pyproject.toml" -nt "$stamp" ]]
}

# Make sure the venv exists and the package is installed. Usage: licman_ensure_installed [--dev]
licman_ensure_installed() {
    local dev="${1:-}" target="."
    [[ -f "$LICMAN_ROOT/pyproject.toml" ]] || licman_die "pyproject.toml not found in $LICMAN_ROOT"
    licman_ensure_venv
    licman_needs_install "$dev" || return 0
    [[ "$dev" == --dev ]] && target=".[dev]"
    licman_note "installing $target into $LICMAN_VENV_DIR (pip install -e)"
    "$LICMAN_VENV_DIR/bin/python" -m pip install -q --disable-pip-version-check -e "$target"
    touch "$(licman_stamp)"
    [[ "$dev" == --dev ]] && touch "$(licman_stamp dev)"
    return 0
}

# Runtime directory (git-ignored): var/ and var/log, not readable by others.
licman_ensure_var() {
    install -d -m 0750 "$LICMAN_ROOT/var" "$LICMAN_ROOT/var/log"
    chmod 0750 "$LICMAN_ROOT/var"
}

# Succeeds when the client has a package.json but no build yet.
licman_client_needs_build() {
    [[ -f "$LICMAN_ROOT/client/package.json" && ! -d "$LICMAN_ROOT/client/dist" ]]
}

# Install the client's npm dependencies and build it (skipped with a note when impossible).
licman_client_build() {
    if [[ ! -f "$LICMAN_ROOT/client/package.json" ]]; then
        licman_note "no client/package.json yet; skipping the front-end build"
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        licman_note "warning: npm not found on PATH; skipping the front-end build (the web UI will be missing)"
        return 0
    fi
    (
        cd "$LICMAN_ROOT/client"
        if [[ -f package-lock.json ]]; then
            licman_note "client: npm ci"
            # --loglevel=error: a newcomer on Node 20 would otherwise read a hundred EBADENGINE
            # warnings (devDependencies for the browser tests want Node 22) as a failure.
            npm ci --no-audit --no-fund --loglevel=error
        else
            licman_note "client: npm install (no package-lock.json)"
            npm install --no-audit --no-fund --loglevel=error
        fi
        licman_note "client: npm run build"
        npm run build
    )
}
