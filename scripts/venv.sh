# Sourced by run.sh and test.sh: make .venv with Python >= 3.11 and install the project into it.
# Reinstalls only when pyproject.toml changed, so repeated runs start at once.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

apt_install() {
    # apt_install PKG...: install the Debian packages that are missing (root or sudo needed).
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 || { echo "apt-get not found; please install: ${missing[*]}" >&2; return 1; }
    echo "Installing Debian packages: ${missing[*]}" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3 python3.13 python3.12 python3.11; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    echo "trayscore needs Python 3.11 or newer (python3 not found or too old)." >&2
    return 1
}

ensure_venv() {
    # ensure_venv EXTRAS: EXTRAS is "" for the app alone or "dev" for tests and linters.
    local extras="$1" python stamp want spec
    if [ ! -x "$VENV/bin/python" ]; then
        python="$(find_python)" || return 1
        if ! "$python" -m venv "$VENV" 2>/dev/null; then
            rm -rf "$VENV"
            # Debian ships venv support separately (python3-venv).
            apt_install python3-venv || { echo "Please install python3-venv (apt-get install python3-venv)." >&2; return 1; }
            "$python" -m venv "$VENV" || return 1
        fi
    fi
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    stamp="$VENV/.install-stamp${extras:+-$extras}"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        spec="$ROOT"; [ -n "$extras" ] && spec="$ROOT[$extras]"
        echo "Installing trayscore${extras:+ with [$extras]} into .venv ..." >&2
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec" || return 1
        echo "$want" >"$stamp"
        [ -n "$extras" ] && echo "$want" >"$VENV/.install-stamp"
    fi
    # The GUI's translations: .qm files built from the .ts sources by pyside6-lrelease.
    "$VENV/bin/python" -m trayscore.translations >/dev/null || return 1
    return 0
}
