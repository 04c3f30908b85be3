"""Build step that pyproject.toml cannot say: the shipped content goes into the wheel as
package data (`game/shipped_content/`), read through importlib.resources when installed
(game/paths.py). In a checkout the game reads `content/` itself, so nothing is copied there."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithContent(build_py):
    def run(self):
        super().run()
        source = Path(__file__).parent / "content"
        target = Path(self.build_lib) / "game" / "shipped_content"
        if target.exists():
            shutil.rmtree(target)
        for path in sorted(source.rglob("*.toml")):
            dest = target / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)


setup(cmdclass={"build_py": BuildWithContent})
