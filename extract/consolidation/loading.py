"""Reading the Document files to consolidate; a bad or missing one is reported and skipped."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from schemas.corpus import InputProblem
from schemas.errors import RecordFileError
from schemas.io import load_document
from schemas.models import Document
from schemas.runs import is_run_own_file


@dataclass(frozen=True)
class LoadedDocument:
    """A Document and the file it was read from."""

    document: Document
    path: Path


def _document_files(path: Path, problems: list[InputProblem]) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file() and not is_run_own_file(p))
        if not files:
            problems.append(InputProblem(path=str(path), reason="folder has no *.json files"))
        return files
    if path.exists():
        return [path]
    problems.append(InputProblem(path=str(path), reason="no such file or folder"))
    return []


def load_documents(paths: Iterable[Path]) -> tuple[list[LoadedDocument], list[InputProblem]]:
    """Every Document in the files and folders (their *.json files), and what had to be skipped.

    A file that is not valid JSON, does not meet the contract or cannot be read is a problem
    naming the file and the reason; so is a second file with a doc_id already read. The rest
    are loaded.
    """
    problems: list[InputProblem] = []
    loaded: list[LoadedDocument] = []
    seen: dict[str, Path] = {}
    for path in paths:
        for file in _document_files(Path(path), problems):
            try:
                document = load_document(file)
            except RecordFileError as exc:
                problems.append(InputProblem(path=str(file), reason=exc.reason))
                continue
            if document.doc_id in seen:
                reason = f"doc_id {document.doc_id!r} was already read from {seen[document.doc_id]}"
                problems.append(InputProblem(path=str(file), reason=reason))
                continue
            seen[document.doc_id] = file
            loaded.append(LoadedDocument(document, file))
    return loaded, problems
