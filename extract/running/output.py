"""A run's output folder: its lock, record files written whole, and what a killed run left.

Record files and `run.json` are only ever replaced whole (temp file, fsync, rename), so a run
killed at any moment leaves complete files only; the next run into the folder removes the temp
files a killed run left and sets aside a record file that is not valid. Only one run at a time
may write to a folder (an flock on the folder itself).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from extract.errors import ConfigError
from schemas.errors import RecordFileError
from schemas.io import load_document

__all__ = [
    "TEMP_SUFFIX",
    "exclusive_output_folder",
    "existing_record_problem",
    "record_path",
    "remove_leftover_temps",
    "set_aside",
    "write_atomically",
]

# Every temp file this module writes is `.<final name>.<random>.batch-tmp`; at start a run removes
# only files of that shape, so nothing else in the output folder is ever touched.
TEMP_SUFFIX = ".batch-tmp"
# An invalid record file found at start is renamed to this, not deleted: it may be worth a look,
# and the new name no longer ends in .json, so nothing reads it as a record.
_SET_ASIDE_SUFFIX = ".invalid"


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) so that a reader never sees a partial file.

    The text goes to a temp file in the same folder, is flushed to disk, and is renamed over
    `path`; if anything fails the temp file is removed.
    """
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        # "x": never write through a name someone else just created; newline="" keeps "\n"
        # on every platform so record files are byte-identical everywhere.
        with open(temp, "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename survive a power cut too. Best effort: not every system or filesystem can."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def exclusive_output_folder(out_dir: Path) -> Iterator[None]:
    """Hold a lock on `out_dir` itself, so that a second run into it stops at once.

    Two runs into one folder would both extract the same articles and rewrite each other's
    run.json. The lock is an flock on the folder's own descriptor: no lock file to leave behind,
    and the kernel drops it when the process dies, even by kill -9. Where flock does not exist
    (Windows) there is no lock.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    descriptor = os.open(out_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(
                f"another run is writing to {out_dir}; wait for it to finish or choose another "
                "output folder"
            ) from None
        yield
    finally:
        os.close(descriptor)


def remove_leftover_temps(out_dir: Path) -> None:
    """Delete the temp files a killed run left behind (only names of this module's pattern)."""
    for path in out_dir.glob(f".*{TEMP_SUFFIX}"):
        if path.is_file():
            path.unlink(missing_ok=True)


def record_path(out_dir: Path, doc_id: str) -> Path:
    return out_dir / f"{doc_id}.json"


def existing_record_problem(path: Path, doc_id: str) -> str | None:
    """Why an existing record file cannot be kept, or None if it is a valid record of `doc_id`."""
    try:
        document = load_document(path)
    except RecordFileError as exc:
        return exc.reason
    if document.doc_id != doc_id:
        return f"its doc_id is {document.doc_id!r}"
    return None


def set_aside(path: Path) -> Path:
    """Rename an invalid record file out of the way, so a failed retry leaves no record behind."""
    target = path.with_name(path.name + _SET_ASIDE_SUFFIX)
    os.replace(path, target)
    return target
