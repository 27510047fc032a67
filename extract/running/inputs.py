"""A run's inputs: the article files named by files and folders, each with its doc_id."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from schemas.reading import find_article_files
from schemas.runs import RUN_OWN_FILES

__all__ = ["Article", "InputProblem", "collect_articles"]


@dataclass(frozen=True)
class Article:
    """One article file to extract; its record is written to `<doc_id>.json`."""

    doc_id: str
    path: Path


@dataclass(frozen=True)
class InputProblem:
    """An input that is not processed (a missing path, a duplicate doc_id), and why."""

    source: str
    reason: str


def collect_articles(paths: Sequence[Path]) -> tuple[list[Article], list[InputProblem]]:
    """The articles named by `paths`, in order, and the inputs that cannot be processed.

    A folder contributes its `*.txt`, `*.html` and `*.htm` files, recursively and sorted (hidden
    files and folders are left out; a broken link is kept, so that it is reported, not lost); a
    file named explicitly is taken whatever its extension. The doc_id is the file stem; a second
    file with a doc_id already taken is a problem, as is a path that does not exist. The same
    file named twice (say, a folder and a file inside it) is one article.
    """
    articles: list[Article] = []
    problems: list[InputProblem] = []
    first_source: dict[str, Path] = {}
    seen: set[Path] = set()
    for given in map(Path, paths):
        if not given.exists() and not given.is_symlink():
            problems.append(InputProblem(str(given), f"{given}: no such file or folder"))
            continue
        for path in find_article_files(given) if given.is_dir() else [given]:
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            problem = _doc_id_problem(path, first_source)
            if problem is not None:
                problems.append(InputProblem(str(path), problem))
                continue
            first_source[path.stem] = path
            articles.append(Article(path.stem, path))
    return articles, problems


def _doc_id_problem(path: Path, first_source: Mapping[str, Path]) -> str | None:
    """Why `path`'s doc_id cannot be used, or None."""
    doc_id = path.stem
    if doc_id in first_source:
        return f"{path}: duplicate doc_id {doc_id!r}, also from {first_source[doc_id]}"
    if f"{doc_id}.json" in RUN_OWN_FILES:
        return f"{path}: doc_id {doc_id!r} would overwrite the run's {doc_id}.json; rename the file"
    return None
