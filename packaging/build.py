"""Build trayscore's installers: ``python3 packaging/build.py deb|windows``, into dist/.

It prepares its own build environment (build/venv, from PyPI: PyInstaller and the app with its
dependencies), builds the translations and the icons, freezes the app with packaging/trayscore.spec
(onedir, trimmed, stripped, reproducible), shrinks ICU's data, and packs the .deb with the system
libraries it left out named in Depends. ``windows`` freezes inside Wine and writes setup.exe, the
MSI and the Group Policy templates (packaging/build_windows.py). ``macos`` must run on macOS (see
docs/packaging.md). See docs/adr/008-packaging.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import venv
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
VENV = BUILD / "venv"
DIST = ROOT / "dist"
METAINFO = "io.github.trayscore.metainfo.xml"
PYINSTALLER = "pyinstaller>=6.10,<7"
# The app's dependencies, pinned with their hashes for every platform; regenerate with the
# command in its header when pyproject.toml's dependencies change (a unit test checks it).
LOCK = ROOT / "packaging" / "requirements.lock"
# Programs the build runs, by the Debian package that has them (scripts/apt-test-packages.txt
# lists the same packages for CI). icupkg is what brings the .deb under its 30 MB budget.
DEB_TOOLS = {
    "dpkg-deb": "dpkg",
    "strip": "binutils",
    "objcopy": "binutils",
    "readelf": "binutils",
    "nm": "binutils",
    "icupkg": "icu-devtools",
}
# Validators of the desktop entry and the AppStream metainfo: used when present.
VALIDATORS = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}
# icupkg lives in /usr/sbin, which a normal user's PATH often lacks.
SBIN = ("/usr/local/sbin", "/usr/sbin", "/sbin")
# Always needed by the bundle whatever PyInstaller saw: the session bus for notifications and
# the keyring, fonts, and the X11 pieces Qt's xcb platform loads at run time.
BASE_DEPENDS = ("libdbus-1-3", "libfontconfig1", "libfreetype6", "libxkbcommon-x11-0", "libegl1")
# ICU data Qt never asks for (it uses ICU for case mapping, codecs, collation and time-zone
# names): break iterators, transliteration, units, currencies, language and region names,
# spelled-out numbers. See shared/FIELD-NOTES.md.
ICU_DROP = re.compile(r"/(brkitr|translit|unit|curr|lang|region|rbnf|zone)/|\.dict$|\.brk$")


def run(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    """Run a build step; its output is returned, a failure stops the build with its output."""
    result = subprocess.run(
        [str(arg) for arg in args], env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"build step failed ({result.returncode}): {' '.join(map(str, args))}")
    return result.stdout


def version() -> str:
    """The package's version, read from its source (the build environment may be stale)."""
    text = (ROOT / "trayscore" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    if found is None:
        raise SystemExit("no __version__ in trayscore/__init__.py")
    return found.group(1)


def source_date_epoch() -> int:
    """The last commit's time (reproducible), or now outside a git checkout."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        return int(run("git", "log", "-1", "--format=%ct", cwd=ROOT).strip())
    except (SystemExit, ValueError, FileNotFoundError):
        return int(time.time())


def tool(name: str) -> str | None:
    """A program's path: on PATH, or in an sbin folder (icupkg)."""
    return shutil.which(name) or shutil.which(name, path=os.pathsep.join(SBIN))


def apt_install(packages: list[str]) -> bool:
    """Install Debian packages when root with apt-get; False when that is not possible."""
    if not packages:
        return True
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)
    return True


def ensure_tools() -> None:
    """Install the missing build tools and validators when root; otherwise say what to install.

    A missing build tool stops the build; a missing validator is reported and skipped.
    """
    missing = sorted({package for name, package in DEB_TOOLS.items() if not tool(name)})
    optional = sorted({package for name, package in VALIDATORS.items() if not tool(name)})
    try:
        import ensurepip  # noqa: F401, PLC0415 - only whether venv can install pip
    except ImportError:
        missing.append(f"python3.{sys.version_info.minor}-venv")
    if apt_install(missing + optional):
        return
    if missing:
        raise SystemExit(
            "the .deb build needs Debian packages; install them with:\n"
            f"  sudo apt-get install {' '.join(missing + optional)}"
        )
    if optional:
        print(
            "warning: desktop entry and metainfo not validated; to validate them:\n"
            f"  sudo apt-get install {' '.join(optional)}",
            file=sys.stderr,
        )


def build_environment() -> Path:
    """build/venv with PyInstaller and this tree installed (not editable): what gets frozen.

    The app's dependencies come only from the hash-locked set (``--require-hashes``), and the
    app itself without resolving any (``--no-deps``): what ships is exactly what was locked.
    """
    python = VENV / "bin" / "python"
    if not python.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(python, "-m", "pip", "install", "--quiet", PYINSTALLER)
    run(python, "-m", "pip", "install", "--quiet", "--require-hashes", "-r", LOCK)
    # The app's build step (setup.py) compiles the .qm with this environment's PySide6.
    run(python, "-m", "pip", "install", "--quiet", "setuptools>=69", "wheel")
    run(python, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps",
        "--no-build-isolation", ROOT)  # fmt: skip
    run(python, "-m", "trayscore.translations", "--all")  # .qm into the installed package
    return python


def freeze(epoch: int) -> Path:
    """PyInstaller onedir of the app; returns the bundle folder."""
    work = BUILD / "pyinstaller"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(epoch),
        "PYTHONHASHSEED": "0",
        "TRAYSCORE_BUILD_DIR": str(work),
        "TRAYSCORE_VERSION": version(),
        "QT_QPA_PLATFORM": "offscreen",
    }
    run(
        VENV / "bin" / "pyinstaller",
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        "--distpath",
        work / "dist",
        "--workpath",
        work / "work",
        ROOT / "packaging" / "trayscore.spec",
        env=env,
        cwd=ROOT,
    )
    return work / "dist" / "trayscore"


def shrink_icu(bundle: Path) -> int:
    """Filter ICU's data blob inside libicudata in place; returns the bytes freed (0 if none).

    The blob (symbol icudt<N>_dat) is rewritten smaller at the same offset and the rest zeroed,
    so the library loads as before and the zeros cost nothing once compressed.
    """
    icupkg = tool("icupkg")
    if icupkg is None:
        print("icupkg not found (Debian: icu-devtools): ICU data left whole", file=sys.stderr)
        return 0
    libraries = sorted(bundle.rglob("libicudata.so.*"))
    if not libraries:
        return 0
    library = libraries[0]
    symbols = run("nm", "-D", "-S", "--defined-only", library)
    found = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", symbols, re.MULTILINE)
    if found is None:
        return 0
    address, size = int(found.group(1), 16), int(found.group(2), 16)
    offset = _file_offset(library, address)
    data = library.read_bytes()
    work = BUILD / "icu"
    shutil.rmtree(work, ignore_errors=True)
    (work / "in").mkdir(parents=True)
    (work / "out").mkdir()
    tree = found.group(3).removesuffix("_dat") + "l"  # icupkg wants the file named as its items
    whole, kept = work / "in" / f"{tree}.dat", work / "out" / f"{tree}.dat"
    whole.write_bytes(data[offset : offset + size])
    items = run(icupkg, "--list", whole).split()
    dropped = [item for item in items if ICU_DROP.search("/" + item)]
    (work / "drop.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
    run(icupkg, "--remove", work / "drop.txt", whole, kept)
    small = kept.read_bytes()
    if len(small) > size:
        return 0
    patched = data[:offset] + small + bytes(size - len(small)) + data[offset + size :]
    library.write_bytes(patched)
    return size - len(small)


def _file_offset(library: Path, address: int) -> int:
    """The file offset of a virtual address, from the ELF program headers (readelf -l)."""
    headers = run("readelf", "-lW", library)
    for line in headers.splitlines():
        fields = line.split()
        if fields[:1] == ["LOAD"]:
            file_offset, virtual, file_size = (
                int(fields[1], 16),
                int(fields[2], 16),
                int(fields[4], 16),
            )
            if virtual <= address < virtual + file_size:
                return address - virtual + file_offset
    raise SystemExit(f"cannot place address {address:#x} in {library}")


def prune_orphans(bundle: Path) -> list[str]:
    """Remove Qt libraries nothing left in the bundle links to (they came with dropped plugins).

    PyInstaller collects a plugin's libraries with it; the spec drops the plugin (Wayland, eglfs,
    the SVG icon engine) but not what came along. Returns the names removed.
    """
    qt_lib = next(bundle.rglob("PySide6/Qt/lib"), None)
    if qt_lib is None:
        return []
    removed: list[str] = []
    while True:
        elves = [path for path in _elves(bundle) if path.parent != qt_lib or path.is_symlink()]
        libraries = [path for path in sorted(qt_lib.iterdir()) if not path.is_symlink()]
        linked = needed([*elves, *libraries])
        orphans = [path for path in libraries if path.name not in linked]
        if not orphans:
            return removed
        for path in orphans:
            for link in bundle.rglob(path.name):  # PyInstaller's top-level symlink to it
                if link.is_symlink():
                    link.unlink()
            path.unlink()
            removed.append(path.name)


def _elves(bundle: Path) -> list[Path]:
    """Every ELF file (program, library, plugin) in the bundle, symlinks left out."""
    return [
        path
        for path in sorted(bundle.rglob("*"))
        if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF"
    ]


def needed(files: list[Path]) -> set[str]:
    """The sonames these ELF files link to directly (their NEEDED entries)."""
    names: set[str] = set()
    for start in range(0, len(files), 40):
        dynamic = run("readelf", "-dW", *files[start : start + 40])
        names |= set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^]]+)\]", dynamic))
    return names


def linked_system_libraries(bundle: Path) -> list[str]:
    """System libraries the bundle's programs and libraries link to directly.

    ``ldd`` places every soname; only the ones an ELF file in the bundle names itself are kept
    (as dpkg-shlibdeps does): the libraries those pull in are their packages' own Depends.
    """
    bundle = bundle.resolve()
    internal = bundle / "_internal"
    search = [internal, *sorted({path.parent for path in internal.rglob("*.so*")})]
    env = {**os.environ, "LD_LIBRARY_PATH": ":".join(map(str, search))}
    elves = _elves(bundle)
    direct = needed(elves)
    found: set[str] = set()
    for start in range(0, len(elves), 50):
        result = subprocess.run(
            ["ldd", *map(str, elves[start : start + 50])],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        for line in result.stdout.splitlines():
            if "not found" in line:
                print(f"warning: {line.strip()}", file=sys.stderr)
                continue
            match = re.search(r"^\s*(\S+) => (/\S+)", line)
            if match and match.group(1) in direct and not match.group(2).startswith(str(bundle)):
                found.add(match.group(2))
    return sorted(found)


def depends(system_libs: list[str]) -> list[str]:
    """The Debian packages holding the system libraries the bundle loads (libc6 is essential)."""
    packages = set(BASE_DEPENDS)
    for path in system_libs:
        candidates = {path, os.path.realpath(path)}
        candidates |= {c.removeprefix("/usr") for c in list(candidates) if c.startswith("/usr/lib")}
        candidates |= {"/usr" + c for c in list(candidates) if c.startswith("/lib")}
        for candidate in sorted(candidates):
            result = subprocess.run(
                ["dpkg", "-S", candidate], capture_output=True, text=True, check=False
            )
            if result.returncode == 0:
                packages.add(result.stdout.split(":", 1)[0].split(",")[0].strip())
                break
        else:
            print(f"warning: no Debian package owns {path}", file=sys.stderr)
    packages.discard("libc6")
    return sorted(packages)


def stage_deb(bundle: Path, icons: Path, epoch: int) -> Path:
    """The file tree of the .deb under build/deb/root."""
    root = BUILD / "deb" / "root"
    shutil.rmtree(root.parent, ignore_errors=True)
    shutil.copytree(bundle, root / "opt" / "trayscore", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "trayscore").symlink_to("/opt/trayscore/trayscore")
    applications = root / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copyfile(
        ROOT / "packaging" / "linux" / "trayscore.desktop", applications / "trayscore.desktop"
    )
    shutil.copytree(icons / "hicolor", root / "usr" / "share" / "icons" / "hicolor")
    metainfo = root / "usr" / "share" / "metainfo"
    metainfo.mkdir(parents=True)
    day = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")
    text = (ROOT / "packaging" / "linux" / METAINFO).read_text("utf-8")
    text = text.replace("@VERSION@", version()).replace("@DATE@", day)
    (metainfo / METAINFO).write_text(text, "utf-8")
    return root


def validate(root: Path) -> None:
    """Check the desktop entry and the AppStream metainfo with Debian's validators, if present."""
    desktop_file_validate, appstreamcli = tool("desktop-file-validate"), tool("appstreamcli")
    share = root / "usr" / "share"
    if desktop_file_validate:
        run(desktop_file_validate, share / "applications" / "trayscore.desktop")
    if appstreamcli:
        run(appstreamcli, "validate", "--no-net", share / "metainfo" / METAINFO)


def write_control(root: Path, system_libs: list[str]) -> None:
    """DEBIAN/control with Depends computed from the libraries, and the maintainer scripts."""
    control_dir = root / "DEBIAN"
    control_dir.mkdir()
    size_kib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    control = (
        f"Package: trayscore\nVersion: {version()}\nArchitecture: amd64\n"
        "Maintainer: trayscore developers <trayscore@users.noreply.github.com>\n"
        f"Installed-Size: {size_kib // 1024 + 1}\n"
        f"Depends: {', '.join(depends(system_libs))}\n"
        "Recommends: gnome-keyring | kwalletmanager\n"
        "Section: net\nPriority: optional\n"
        "Homepage: https://github.com/trayscore/trayscore\n"
        "Description: Microsoft Defender exposure score in the system tray\n"
        " trayscore keeps an organisation's Microsoft Defender exposure score (and\n"
        " Microsoft Secure Score) in the system tray, coloured by band, with history,\n"
        " notifications and a command line for scripts and monitoring.\n"
    )
    (control_dir / "control").write_text(control, "utf-8")
    for script in ("postinst", "postrm"):
        shutil.copyfile(ROOT / "packaging" / "linux" / script, control_dir / script)
        (control_dir / script).chmod(0o755)


def normalise(root: Path, epoch: int) -> None:
    """Same bytes every build: fixed times, fixed modes (root:root is set by dpkg-deb)."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_symlink():
            os.utime(path, (epoch, epoch), follow_symlinks=False)
            continue
        if path.is_dir():
            path.chmod(0o755)
        elif path.parent.name != "DEBIAN":
            executable = os.access(path, os.X_OK) or path.suffix == ".so" or ".so." in path.name
            path.chmod(0o755 if executable else 0o644)
        os.utime(path, (epoch, epoch))


def build_deb() -> Path:
    """Every step, from a fresh tree to dist/trayscore_<version>_amd64.deb."""
    started = time.monotonic()
    ensure_tools()
    epoch = source_date_epoch()
    python = build_environment()
    icons = BUILD / "icons"
    shutil.rmtree(icons, ignore_errors=True)
    run(python, ROOT / "packaging" / "icons.py", icons)
    bundle = freeze(epoch)
    freed = shrink_icu(bundle)
    pruned = prune_orphans(bundle)
    print(f"left out, nothing links to them: {', '.join(pruned) or 'nothing'}")
    system_libs = linked_system_libraries(bundle)
    root = stage_deb(bundle, icons, epoch)
    validate(root)
    write_control(root, system_libs)
    normalise(root, epoch)
    DIST.mkdir(exist_ok=True)
    target = DIST / f"trayscore_{version()}_amd64.deb"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    run("dpkg-deb", "--root-owner-group", "-Zxz", "-z9", "--build", root, target, env=env)
    size = target.stat().st_size
    print(
        f"built {target.relative_to(ROOT)}: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB), "
        f"ICU data shrunk by {freed / 2**20:.1f} MiB, in {time.monotonic() - started:.0f} s"
    )
    return target


def main() -> int:
    """``build.py deb|windows|macos``."""
    parser = argparse.ArgumentParser(prog="packaging/build.py", description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=("deb", "windows", "macos"))
    args = parser.parse_args()
    if args.target == "deb":
        if not sys.platform.startswith("linux"):
            raise SystemExit("the .deb is built on Linux")
        build_deb()
        return 0
    if args.target == "windows":
        if not sys.platform.startswith("linux"):
            raise SystemExit("the Windows installers are built on Linux, with Wine")
        python = build_environment()  # its PySide6 draws the icons and compiles the .qm
        step = [str(python), str(ROOT / "packaging" / "build_windows.py"), version()]
        return subprocess.run([*step, str(source_date_epoch())], check=False).returncode
    raise SystemExit(
        "the macOS app is built on macOS: see docs/packaging.md (packaging/macos/build.sh); it "
        "is not built or tested here."
    )


if __name__ == "__main__":
    raise SystemExit(main())
