"""The README and docs/ do not rot: every relative link resolves, every command in a `sh` block is
a real Makefile target or a real subcommand with real options, and the README's Python runs."""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shlex
from pathlib import Path

import pytest

from evals.cli import build_parser as evals_parser
from extract.commands import build_parser as extract_parser
from schemas.__main__ import build_parser as schemas_parser

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PAGE_IDS = [str(page.relative_to(ROOT)) for page in PAGES]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
MAKE_TARGET = re.compile(r"^([A-Za-z][\w-]*):", re.MULTILINE)
PARSERS = {
    "extract": extract_parser,
    "meeting-extract": extract_parser,
    "evals": evals_parser,
    "meeting-evals": evals_parser,
    "schemas": schemas_parser,
}
# Programs of other projects the pages show (installing, Ray's own command line, SQLite's shell).
OTHER_PROGRAMS = frozenset({"pip", "ray", "sqlite3"})


def _text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = FENCE.sub("", _text(page))
    return {_slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}


def _blocks(page: Path, language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(_text(page)) if lang == language]


def _commands(block: str) -> list[str]:
    """The commands of a `sh` block: comments dropped, continued lines (a trailing backslash, or an
    indented line of options under a usage line) joined to their command."""
    commands: list[str] = []
    for raw in block.splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        if commands and (raw[:1].isspace() or commands[-1].endswith("\\")):
            commands[-1] = commands[-1].removesuffix("\\") + " " + line.strip()
        else:
            commands.append(line.strip())
    return commands


def _subcommand_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {option for action in parser._actions for option in action.option_strings}


def command_problem(command: str, make_targets: set[str]) -> str | None:
    """Why `command` is not a command of this project (or a known other program's), or None."""
    words = shlex.split(command.replace("[", " ").replace("]", " ").replace("|", " | "))
    program, rest = words[0], words[1:]
    if program == "make":
        unknown = [word for word in rest if word not in make_targets and "=" not in word]
        return f"no Makefile target {unknown}" if unknown else None
    if program in OTHER_PROGRAMS:
        return None
    if program == "python" and rest[:1] == ["-m"]:
        program, rest = rest[1], rest[2:]
        if program not in PARSERS:
            found = importlib.util.find_spec(program) is not None
            return None if found else f"no module {program}"
    if program not in PARSERS:
        return f"unknown program {program!r}: add it to the test or fix the page"
    parser = PARSERS[program]()
    name = rest[0] if rest else ""
    sub = _subcommand_parsers(parser).get(name)
    if sub is None:
        return f"{program} has no subcommand {name!r}"
    options = {word.split("=", 1)[0] for word in rest[1:] if word.startswith("--")}
    unknown_options = sorted(options - _options(sub))
    return f"{program} {name} has no options {unknown_options}" if unknown_options else None


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_every_relative_link_resolves(page: Path) -> None:
    broken = []
    for target in LINK.findall(_text(page)):
        if re.match(r"^[a-z]+:", target):
            continue  # https:, mailto:
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists() or (
            anchor and linked.suffix == ".md" and anchor not in _anchors(linked)
        ):
            broken.append(target)
    assert broken == [], f"{page.name}: broken links {broken}"


def test_the_docs_pages_are_all_linked_from_the_readme() -> None:
    readme = _text(ROOT / "README.md")
    for page in PAGES[1:]:
        assert f"](docs/{page.name})" in readme, page.name


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_every_shell_command_is_a_real_target_or_subcommand(page: Path) -> None:
    make_targets = set(MAKE_TARGET.findall((ROOT / "Makefile").read_text(encoding="utf-8")))
    commands = [command for block in _blocks(page, "sh") for command in _commands(block)]
    problems = {command: command_problem(command, make_targets) for command in commands}
    assert {command: why for command, why in problems.items() if why} == {}


def test_the_command_check_catches_what_rots() -> None:
    targets = {"run", "test"}
    assert command_problem("make run", targets) is None
    assert command_problem("make deploy", targets) == "no Makefile target ['deploy']"
    assert command_problem("python -m extract run a --out b [--jobs N]", targets) is None
    assert "no subcommand 'extrct'" in str(command_problem("meeting-extract extrct a", targets))
    assert "no options ['--job']" in str(
        command_problem("python -m extract run a --job 2", targets)
    )
    assert "no module" in str(command_problem("python -m extract.nowhere", targets))
    assert "unknown program" in str(command_problem("curl https://example.org", targets))


def test_the_readme_python_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    blocks = _blocks(ROOT / "README.md", "python")
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    assert os.getcwd() == str(ROOT)
