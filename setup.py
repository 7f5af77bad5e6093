"""The wheel carries the compiled translations: ``build_py`` compiles each ``.ts`` to ``.qm``.

Everything else about the package is declared in pyproject.toml. Without this step a plain
``pip install`` or ``pipx install`` ships only the ``.ts`` sources, and the GUI stays in
English. PySide6-Essentials, which has ``pyside6-lrelease``, is in the build requirements.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _compile_catalogues(folder: Path) -> None:
    """Run trayscore/translations.py's build on ``folder`` without importing the package."""
    spec = importlib.util.spec_from_file_location(
        "_trayscore_translations", HERE / "trayscore" / "translations.py"
    )
    if spec is None or spec.loader is None:
        raise RuntimeError("trayscore/translations.py not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(folder, only_stale=False)


class BuildWithCatalogues(build_py):
    """``build_py``, then the ``.qm`` files beside the copied ``.ts``.

    An editable install uses the sources in place, so there they go beside the sources.
    """

    def run(self) -> None:
        """Copy the package, then compile its catalogues where they will be installed from."""
        super().run()
        if getattr(self, "editable_mode", False):
            _compile_catalogues(HERE / "trayscore" / "i18n")
        else:
            _compile_catalogues(Path(self.build_lib) / "trayscore" / "i18n")


setup(cmdclass={"build_py": BuildWithCatalogues})
