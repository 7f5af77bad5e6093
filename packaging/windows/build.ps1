# Build the Windows installer. NOT RUN on the Linux machines where trayscore is developed; run it
# on Windows with Python 3.11+ and Inno Setup 6 (iscc on PATH). See docs/packaging.md.
# Optional code signing: set TRAYSCORE_SIGN_CERT (a .pfx path) and TRAYSCORE_SIGN_PASSWORD.
$ErrorActionPreference = "Stop"
$Root = Resolve-Path "$PSScriptRoot\..\.."
$Build = "$Root\build"
$Version = (Select-String -Path "$Root\trayscore\__init__.py" -Pattern '__version__ = "(.+)"').Matches[0].Groups[1].Value
$env:SOURCE_DATE_EPOCH = (git -C $Root log -1 --format=%ct)
$env:PYTHONHASHSEED = "0"

python -m venv "$Build\venv-windows"
& "$Build\venv-windows\Scripts\python" -m pip install --quiet "pyinstaller>=6.10,<7"
& "$Build\venv-windows\Scripts\python" -m pip install --quiet --require-hashes -r "$Root\packaging\requirements.lock"
& "$Build\venv-windows\Scripts\python" -m pip install --quiet --no-deps "$Root"
& "$Build\venv-windows\Scripts\python" -m trayscore.translations --all
& "$Build\venv-windows\Scripts\python" "$Root\packaging\icons.py" "$Build\icons"

# A version resource for trayscore.exe (Explorer's Details tab, antivirus heuristics).
$Parts = ($Version.Split(".") + @("0", "0", "0"))[0..3] -join ", "
@"
VSVersionInfo(
  ffi=FixedFileInfo(filevers=($Parts), prodvers=($Parts)),
  kids=[StringFileInfo([StringTable('040904B0', [
    StringStruct('CompanyName', 'trayscore developers'),
    StringStruct('FileDescription', 'trayscore'),
    StringStruct('FileVersion', '$Version'),
    StringStruct('ProductName', 'trayscore'),
    StringStruct('ProductVersion', '$Version')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])]
)
"@ | Set-Content -Encoding UTF8 "$Build\version-info.txt"

$env:TRAYSCORE_BUILD_DIR = "$Build\pyinstaller-windows"
$env:TRAYSCORE_VERSION = $Version
$env:TRAYSCORE_ICON = "$Build\icons\trayscore.ico"
$env:TRAYSCORE_VERSION_FILE = "$Build\version-info.txt"
New-Item -ItemType Directory -Force $env:TRAYSCORE_BUILD_DIR | Out-Null
& "$Build\venv-windows\Scripts\pyinstaller" --noconfirm --clean --distpath "$Build\windows" `
  --workpath "$Build\pyinstaller-windows\work" "$Root\packaging\trayscore.spec"

if ($env:TRAYSCORE_SIGN_CERT) {
  signtool sign /f $env:TRAYSCORE_SIGN_CERT /p $env:TRAYSCORE_SIGN_PASSWORD /fd SHA256 `
    /tr http://timestamp.digicert.com /td SHA256 "$Build\windows\trayscore\trayscore.exe"
}
iscc /DAppVersion=$Version "$Root\packaging\windows\trayscore.iss"
