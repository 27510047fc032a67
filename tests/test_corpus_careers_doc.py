"""Every command in docs/corpus-careers.md, run as written, in the order written.

`sh` blocks are run line by line (`python` is this interpreter, `out/` a temporary folder),
`sql` blocks are run on the database the commands built, the `toml` block is written as the
identities file the next command reads. The commands read the development gold, whose spans are
read from the articles in ../shared: without them the test skips (never under CI=true).
"""

from __future__ import annotations

import re
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.requirements import requires

DOC = ROOT / "docs" / "corpus-careers.md"
BLOCK = re.compile(r"```(sh|sql|toml)\n(.*?)```", re.DOTALL)


def blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))]


def run_line(line: str, out: Path) -> subprocess.CompletedProcess[str]:
    words = shlex.split(line.replace("out/", f"{out}/"))
    assert words[0] == "python", line
    return subprocess.run(
        [sys.executable, *words[1:]], capture_output=True, text=True, cwd=ROOT, check=False
    )


def test_the_page_has_commands_of_every_kind() -> None:
    assert [kind for kind, _ in blocks()] == ["sh", "sql", "toml", "sh", "sh", "sh"]


@requires("devset")
def test_every_command_in_the_page_runs_as_written(tmp_path: Path) -> None:
    db = tmp_path / "corpus.sqlite"
    outputs: list[str] = []
    for kind, text in blocks():
        if kind == "toml":
            (tmp_path / "identities.toml").write_text(text, encoding="utf-8")
        elif kind == "sql":
            with sqlite3.connect(db) as connection:
                for statement in (s for s in text.split(";") if s.strip(" \n-")):
                    assert connection.execute(statement).fetchall(), statement
        else:
            for line in filter(None, text.splitlines()):
                result = run_line(line, tmp_path)
                assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
                outputs.append(result.stdout)
    assert "0 documents added, 0 replaced, 36 already there" in outputs[2]
    assert (tmp_path / "corpus.html").is_file() and (tmp_path / "corpus.json").is_file()
    with sqlite3.connect(db) as connection:
        aliases = connection.execute("SELECT alias, id FROM aliases").fetchall()
        kinds = {row[0] for row in connection.execute("SELECT kind FROM person_merges")}
    assert aliases == [("P0021", "P0020")]  # the identities file joined the candidate
    assert kinds == {"same_region", "career", "analyst"}
