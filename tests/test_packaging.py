"""The installed package: prompts ship as package data, every package is listed, and a wheel built
from the sources holds what an installed copy needs (prompts, the review page's template, the two
commands)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from extract.asking.prompts import bundled_prompts, load_examples, load_prompt
from extract.pipeline import PromptSet

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
TOP_LEVEL = ("schemas", "evals", "extract", "prompts")


def _source_packages() -> set[str]:
    """Every folder with an __init__.py under the top-level packages, as a dotted name."""
    return {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in TOP_LEVEL
        for init in (ROOT / top).rglob("__init__.py")
    }


def test_the_prompts_are_found_through_the_prompts_package() -> None:
    import prompts

    bundled = bundled_prompts()
    names = sorted(entry.name for entry in bundled.iterdir() if entry.name.endswith(".toml"))
    assert names == sorted(path.name for path in (ROOT / "prompts").glob("*.toml"))
    assert {"system.toml", "examples.toml", "article.toml"} <= set(names)
    # The package is the folder: one copy of every prompt, read through importlib.resources.
    assert Path(prompts.__file__).parent == ROOT / "prompts"
    for name in names:
        if name != "examples.toml":
            assert load_prompt(name.removesuffix(".toml")) == load_prompt(
                name.removesuffix(".toml"), ROOT / "prompts"
            )
    assert load_examples() == load_examples(ROOT / "prompts")
    assert PromptSet.load() == PromptSet.load(ROOT / "prompts")


def test_every_package_and_its_data_is_listed_in_pyproject() -> None:
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert set(setuptools["packages"]) == _source_packages()
    assert setuptools["package-data"]["prompts"] == ["*.toml"]
    scripts = PYPROJECT["project"]["scripts"]
    assert scripts == {
        "meeting-extract": "extract.commands:main",
        "meeting-evals": "evals.cli:main",
    }


def test_a_wheel_holds_the_prompts_the_review_template_and_the_commands(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for top in TOP_LEVEL:
        shutil.copytree(ROOT / top, source / top, ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "--wheel-dir", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("meeting_extract-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode("utf-8")
    for prompt in (ROOT / "prompts").glob("*.toml"):
        assert f"prompts/{prompt.name}" in names
    assert "prompts/__init__.py" in names
    for template in ("review_page.html", "review_page.css", "review_page.js"):
        assert f"evals/{template}" in names
    assert {f"{package.replace('.', '/')}/__init__.py" for package in _source_packages()} <= names
    assert "meeting-extract = extract.commands:main" in scripts
    assert "meeting-evals = evals.cli:main" in scripts
