#!/usr/bin/env bash
# Build trayscore.app and a .dmg. NOT RUN on the Linux machines where trayscore is developed;
# run it on macOS with Python 3.11+. See docs/packaging.md.
# Optional inputs: TRAYSCORE_SIGN_IDENTITY ("Developer ID Application: ...") signs the app;
# with TRAYSCORE_NOTARY_PROFILE (a notarytool keychain profile) the dmg is notarised and stapled.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$ROOT/build"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/trayscore/__init__.py")"
export SOURCE_DATE_EPOCH="$(git -C "$ROOT" log -1 --format=%ct)" PYTHONHASHSEED=0

python3 -m venv "$BUILD/venv-macos"
"$BUILD/venv-macos/bin/python" -m pip install --quiet "pyinstaller>=6.10,<7"
"$BUILD/venv-macos/bin/python" -m pip install --quiet --require-hashes -r "$ROOT/packaging/requirements.lock"
"$BUILD/venv-macos/bin/python" -m pip install --quiet --no-deps "$ROOT"
"$BUILD/venv-macos/bin/python" -m trayscore.translations --all
"$BUILD/venv-macos/bin/python" "$ROOT/packaging/icons.py" "$BUILD/icons"

export TRAYSCORE_BUILD_DIR="$BUILD/pyinstaller-macos" TRAYSCORE_VERSION="$VERSION"
export TRAYSCORE_ICON="$BUILD/icons/trayscore.icns"
mkdir -p "$TRAYSCORE_BUILD_DIR"
"$BUILD/venv-macos/bin/pyinstaller" --noconfirm --clean --distpath "$BUILD/macos" \
  --workpath "$TRAYSCORE_BUILD_DIR/work" "$ROOT/packaging/trayscore.spec"
APP="$BUILD/macos/trayscore.app"

if [ -n "${TRAYSCORE_SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$TRAYSCORE_SIGN_IDENTITY" "$APP"
fi
mkdir -p "$ROOT/dist"
DMG="$ROOT/dist/trayscore-$VERSION.dmg"
rm -f "$DMG"
hdiutil create -volname trayscore -srcfolder "$APP" -ov -format UDZO "$DMG"
if [ -n "${TRAYSCORE_SIGN_IDENTITY:-}" ] && [ -n "${TRAYSCORE_NOTARY_PROFILE:-}" ]; then
  codesign --sign "$TRAYSCORE_SIGN_IDENTITY" --timestamp "$DMG"
  xcrun notarytool submit "$DMG" --keychain-profile "$TRAYSCORE_NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
echo "built $DMG"
