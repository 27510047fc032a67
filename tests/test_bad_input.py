"""Bad input files: each gets one clear message naming the file and the reason, and every good
file in the same run is extracted. Legacy Chinese encodings, byte-order marks and saved web pages
are not bad: they are read, and offsets count code points of the text as decoded."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from schemas import ArticleError, load_document, read_article
from schemas.reading import MAX_ARTICLE_BYTES, html_to_text, load_article
from tests import articles
from tests.accounting import account_for_run
from tests.scripted_server import scripted_server
from tests.unprivileged import permissions_apply, subject_to_permissions

TRADITIONAL = "2030年示範區域合作聯席會議在長沙舉行。江西省長陳立華率團出席會議並發言。\n"
RARE = "𠮷野家与叶𡒄会面。\n"  # characters outside GBK: GB18030 writes them in four bytes
HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>示例会议</title>
<style>p {{ color: red; }}</style><script>var tracking = "不是正文";</script></head>
<body><nav>首页 &gt; 新闻</nav>
<p>15日,2030年示例区域合作联席会议在湖南长沙举行。江西省委副书记、省长陈立华率团出席会议并发言。</p>
<p>会议签署了《示例区域数据共享合作协议》。会议商定,2031年联席会议由江西省承办。</p>
</body></html>
"""


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- Files that are read ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "text", "expected_encoding"),
    [
        ("gbk", articles.CHINESE, "gb18030"),
        ("gb18030", articles.CHINESE + RARE, "gb18030"),
        ("big5", TRADITIONAL, "big5hkscs"),
        ("utf-16", articles.CHINESE, "utf-16"),
    ],
)
def test_legacy_encodings_are_decoded_exactly(
    encoding: str, text: str, expected_encoding: str, tmp_path: Path
) -> None:
    article = load_article(write(tmp_path / "a.txt", text.encode(encoding)))
    assert article.text == text
    assert article.encoding == expected_encoding
    assert article.notes and article.notes[0].startswith("decoded from ")


def test_a_utf8_bom_is_dropped_so_offsets_start_at_the_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", codecs.BOM_UTF8 + "会议\r\n在长沙".encode())
    article = load_article(path)
    assert article.text == "会议\r\n在长沙"  # newlines as stored
    assert (article.encoding, article.notes) == ("utf-8", ())


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_an_html_page_is_reduced_to_its_visible_text(charset: str, tmp_path: Path) -> None:
    page = HTML_PAGE.format(charset=charset)
    article = load_article(write(tmp_path / "page.html", page.encode(charset)))
    assert article.html
    lines = article.text.splitlines()
    assert lines[0] == "示例会议"  # the title is kept: it is the headline
    assert "首页 > 新闻" in lines  # entities unescaped
    assert any(line.startswith("15日,2030年示例区域合作联席会议") for line in lines)
    assert "tracking" not in article.text and "color" not in article.text
    assert "HTML page" in article.notes[-1]


def test_html_is_recognised_by_its_first_tag_whatever_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path / "saved.txt", HTML_PAGE.format(charset="utf-8").encode())
    assert load_article(path).html
    plain = write(tmp_path / "plain.txt", "会议提到<p>标签</p>。".encode())
    assert not load_article(plain).html


def test_html_to_text_keeps_one_line_per_block() -> None:
    text = html_to_text("<div>甲  乙<br>丙</div><ul><li>丁</li><li>戊</li></ul>")
    assert text == "甲 乙\n丙\n丁\n戊\n"


# --- Files that are refused, each with its reason --------------------------------------------

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "is empty (0 bytes)"),
    "blank.txt": (" \n\t\r\n\u3000\n".encode(), "has no text (only whitespace)"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "is binary"),
    "controls.txt": (bytes(range(1, 9)) * 20, "is binary"),
    "latin1.txt": ("café crème brûlée".encode("latin-1"), "does not read as GB18030 or Big5"),
    "bad-bom.txt": (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "byte-order mark but is not valid UTF-8"),
    "empty-page.html": (b"<html><body><script>x()</script></body></html>", "no text"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_is_refused_with_its_reason(name: str, tmp_path: Path) -> None:
    data, reason = BAD_FILES[name]
    path = write(tmp_path / name, data)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert caught.value.path == path
    assert reason in caught.value.reason
    assert str(caught.value).startswith(str(path))


def test_a_long_article_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", ("会议" * 5_000_000).encode())  # 10 MB
    with pytest.raises(ArticleError, match=r"10,000,000 characters .* limit of 200,000 characters"):
        read_article(path, max_chars=200_000)
    assert len(read_article(path)) == 10_000_000  # without a limit it is read (and chunked)


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: no disk space used
    with pytest.raises(ArticleError, match=f"over the {MAX_ARTICLE_BYTES:,}-byte limit"):
        read_article(path)


def test_unreadable_paths_are_refused_with_the_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    reasons = {}
    for path in (broken, folder):
        with pytest.raises(ArticleError) as caught:
            read_article(path)
        reasons[path.name] = caught.value.reason
    assert reasons["broken.txt"].startswith("is a broken symbolic link")
    assert reasons["folder.txt"] == "is a folder, not an article file"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_whose_read_fails_is_refused_with_the_system_reason(tmp_path: Path) -> None:
    failing = tmp_path / "failing.txt"
    failing.symlink_to("/proc/self/mem")  # opens, then every read fails with EIO
    with pytest.raises(ArticleError, match=r"cannot be read \(Input/output error\)"):
        read_article(failing)


READ_ONE = "import sys; from schemas import read_article; read_article(sys.argv[1])"


@pytest.mark.skipif(not permissions_apply(), reason="cannot drop root's override here")
def test_a_file_without_read_permission_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "会议".encode())
    path.chmod(0)
    command = subject_to_permissions([sys.executable, "-c", READ_ONE, str(path)])
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert "ArticleError" in result.stderr
    assert f"{path}: cannot be read (Permission denied)" in result.stderr


# --- A folder mixing all of these with good articles, through the command line ------------------


def mixed_folder(folder: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """Good articles in every readable form, and every kind of bad file with its reason."""
    folder.mkdir()
    good = {
        "utf8.txt": articles.CHINESE.encode(),
        "bom.txt": codecs.BOM_UTF8 + articles.CHINESE.encode(),
        "gbk.txt": articles.CHINESE.encode("gbk"),
        "gb18030.txt": (articles.CHINESE + RARE).encode("gb18030"),
        "big5.txt": TRADITIONAL.encode("big5"),
        "page.html": HTML_PAGE.format(charset="gbk").encode("gbk"),
    }
    bad = {name: reason for name, (_, reason) in BAD_FILES.items()}
    for name, data in {**good, **{n: d for n, (d, _) in BAD_FILES.items()}}.items():
        write(folder / name, data)
    write(folder / "long.txt", ("会议" * 5_000_000).encode())
    bad["long.txt"] = "over the limit of 200,000 characters"
    (folder / "broken.txt").symlink_to(folder / "gone.txt")
    bad["broken.txt"] = "is a broken symbolic link"
    if Path("/proc/self/mem").exists():
        (folder / "failing.txt").symlink_to("/proc/self/mem")
        bad["failing.txt"] = "cannot be read (Input/output error)"
    if permissions_apply():
        write(folder / "secret.txt", articles.CHINESE.encode()).chmod(0)
        bad["secret.txt"] = "cannot be read (Permission denied)"
    sources = {Path(name).stem: folder / name for name in [*good, *bad]}
    return sources, bad


def test_a_mixed_folder_extracts_every_good_file_and_names_every_bad_one(tmp_path: Path) -> None:
    check_mixed_folder_through_the_cli(tmp_path)


def check_mixed_folder_through_the_cli(tmp_path: Path, *engine_options: str) -> None:
    """`python -m extract run` over `mixed_folder`, with `engine_options` (the Ray engine's too)."""
    sources, bad = mixed_folder(tmp_path / "in")
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "EXTRACT_"))}
    with scripted_server([], respond=articles.answer_for) as server:
        env.update(
            OPENAI_BASE_URL=server.base_url,
            EXTRACT_MODEL="scripted",
            EXTRACT_SCHEMA_MODE="json_object_schema",
            XDG_CACHE_HOME=str(tmp_path / "xdg"),
        )
        command = [sys.executable, "-m", "extract", "run", str(tmp_path / "in"), "--out", str(out)]
        command += engine_options
        result = subprocess.run(
            subject_to_permissions(command), capture_output=True, text=True, env=env, timeout=300
        )

    assert result.returncode == 1, result.stderr
    account = account_for_run(sources, out)
    assert account.clean, account
    assert sorted(account.failed) == sorted(Path(name).stem for name in bad)
    for name, reason in bad.items():
        assert reason in account.failed[Path(name).stem], name
        # One message per bad file, naming it, on the terminal too.
        lines = [line for line in result.stderr.splitlines() if f"{name}:" in line]
        assert len(lines) == 1 and reason in lines[0], (name, result.stderr)
    assert sorted(account.ok) == ["big5", "bom", "gb18030", "gbk", "page", "utf8"]
    for doc_id in ("utf8", "bom", "gbk", "gb18030", "page"):
        document = load_document(out / f"{doc_id}.json")
        assert document.meetings[0].city == "Changsha", doc_id
        text = read_article(sources[doc_id])
        for span in document.meetings[0].evidence:  # offsets into the text as decoded
            assert text[span.start : span.end] == span.text
    entries = json.loads((out / "run.json").read_text(encoding="utf-8"))["articles"]
    notes = {doc_id: entry["note"] for doc_id, entry in entries.items()}
    assert notes["gbk"] == "decoded from GB18030"
    assert notes["page"] == "decoded from GB18030; HTML page: its visible text was extracted"
    assert notes["utf8"] is None
