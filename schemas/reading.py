"""From an article file's bytes to the text that every evidence offset counts code points of.

    article = load_article(Path("in/0001.txt"), max_chars=200_000)
    article.text, article.encoding, article.notes

Analysts' folders hold more than clean UTF-8: Chinese sites still serve GB18030 (GBK) and Big5,
Windows tools add byte-order marks, and saved web pages are HTML. Each is read here, once, the
same way for the extractor and the scorer:

- UTF-8 (a BOM is dropped), UTF-16 with a BOM, else GB18030 or Big5, whichever decodes to
  ordinary Chinese text (see `_plausibility`); anything else is refused, never guessed.
- An HTML page (by its name or its first tag) is reduced to its visible text, one line per block.
- Newlines are kept exactly as stored, so offsets match the text a reader opens.

Everything that makes a file unusable is an `ArticleError` naming the file and the reason: it
cannot be read, it is empty or whitespace only, it is binary, its encoding is unknown, or it is
longer than the limit the caller sets.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from schemas.errors import ArticleError

# Files larger than this are refused unread, whatever the character limit: a news article is
# kilobytes, and a huge file is a dump or an accident, not something to load into memory.
MAX_ARTICLE_BYTES = 32 * 1024 * 1024
_BYTE_LIMIT = f"{MAX_ARTICLE_BYTES:,}-byte limit"

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
"""What a folder of articles is searched for; a file named explicitly may have any name."""

_LEGACY_CHINESE = ("gb18030", "big5hkscs")
_ENCODING_NAMES = {"gb18030": "GB18030", "big5hkscs": "Big5 (HKSCS)", "utf-16": "UTF-16"}
# Below this share of ordinary characters a decoding is a misreading, not the file's encoding.
_MIN_PLAUSIBILITY = 0.9
_PLAUSIBILITY_SAMPLE = 20_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = re.compile(
    r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)


def find_article_files(folder: Path) -> list[Path]:
    """The article files under `folder`, recursively and sorted, without hidden files or folders
    (editor and VCS debris). A broken link is kept, so that reading it reports it."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.suffix.lower() in ARTICLE_SUFFIXES
        and not path.is_dir()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


@dataclass(frozen=True)
class ArticleFile:
    """An article as read: its text, how it was decoded, and what a reader should know."""

    path: Path
    text: str
    encoding: str  # "utf-8", "utf-16", "gb18030" or "big5hkscs"
    html: bool = False
    notes: tuple[str, ...] = field(default=())


def load_article(path: Path | str, *, max_chars: int | None = None) -> ArticleFile:
    """The article at `path`, decoded and checked (see the module docstring).

    Raises ArticleError naming the file and the reason when it cannot be used; `max_chars`
    refuses longer texts (after HTML is reduced to text) with the limit in the message.
    """
    path = Path(path)
    data = _read_bytes(path)
    if not data:
        raise ArticleError(path, "is empty (0 bytes)")
    text, encoding = _decode(path, data)
    notes: list[str] = []
    if encoding != "utf-8":
        notes.append(f"decoded from {_ENCODING_NAMES[encoding]}")
    is_html = _looks_like_html(path, text)
    if is_html:
        text = html_to_text(text)
        notes.append("HTML page: its visible text was extracted")
    if not text.strip():
        what = "an HTML page without visible text" if is_html else "only whitespace"
        raise ArticleError(path, f"has no text ({what})")
    if max_chars is not None and len(text) > max_chars:
        raise ArticleError(
            path,
            f"is {len(text):,} characters ({len(data):,} bytes), over the limit of "
            f"{max_chars:,} characters; split it, or raise the limit with --max-article-chars",
        )
    return ArticleFile(path, text, encoding, is_html, tuple(notes))


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; refuses folders, special files and files over MAX_ARTICLE_BYTES."""
    try:
        if path.is_symlink() and not path.exists():
            raise ArticleError(path, f"is a broken symbolic link (to {os.readlink(path)})")
        if path.is_dir():
            raise ArticleError(path, "is a folder, not an article file")
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(path, f"is {size:,} bytes, over the {_BYTE_LIMIT} for one article")
        with open(path, "rb") as handle:
            # Read one byte past the limit: /proc-like files report size 0 and may be endless.
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise ArticleError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(path, f"is over the {_BYTE_LIMIT} for one article")
    return data


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was in."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[len(codecs.BOM_UTF8) :], "utf-8"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(path, data, "utf-16").removeprefix("\ufeff")
        if _plausibility(text) < _MIN_PLAUSIBILITY:
            raise ArticleError(path, "starts with a UTF-16 byte-order mark but is not UTF-16 text")
        return text, "utf-16"
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ArticleError(path, f"is binary, not text (a NUL byte at offset {nul})")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        text, encoding = _decode_legacy_chinese(path, data, exc)
    controls = len(_CONTROL.findall(text[:_PLAUSIBILITY_SAMPLE]))
    if controls > 8:
        raise ArticleError(path, f"is binary, not text ({controls} control characters)")
    return text, encoding


def _strict(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError(
            path,
            f"starts with a {encoding.upper()} byte-order mark but is not valid "
            f"{encoding.upper()} at byte {exc.start}",
        ) from exc


def _decode_legacy_chinese(
    path: Path, data: bytes, utf8_error: UnicodeDecodeError
) -> tuple[str, str]:
    """GB18030 or Big5, whichever reads as ordinary Chinese text; else an ArticleError."""
    candidates: list[tuple[float, str, str]] = []
    for encoding in _LEGACY_CHINESE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), encoding, text))
    best = max(candidates, default=None)
    if best is None or best[0] < _MIN_PLAUSIBILITY:
        raise ArticleError(
            path,
            f"is not valid UTF-8 (byte {utf8_error.start}) and does not read as GB18030 or Big5 "
            "text; convert it to UTF-8",
        )
    return best[2], best[1]


def _plausibility(text: str) -> float:
    """The share of non-ASCII characters that are common Chinese characters or punctuation.

    Text decoded with its own encoding scores near 1; GBK bytes read as Big5 (or the reverse)
    turn into rare characters, private-use code points and stray symbols, and score far lower.
    """
    sample = [char for char in text[:_PLAUSIBILITY_SAMPLE] if ord(char) > 0x7F]
    if not sample:
        return 1.0
    return sum(_is_common(char) for char in sample) / len(sample)


def _is_common(char: str) -> bool:
    code = ord(char)
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x2027:
        return True  # CJK and full-width punctuation, dashes, quotes, ellipsis
    if not 0x4E00 <= code <= 0x9FFF:
        return False
    return _in_charset(char, "gb2312", 0xB0) or _in_charset(char, "big5", 0xA4, 0xC6)


def _in_charset(char: str, encoding: str, first_lead: int, last_lead: int = 0xFF) -> bool:
    """Whether `char` is in the frequent-character rows of a legacy charset (GB2312 hanzi,
    Big5 level 1)."""
    try:
        lead = char.encode(encoding)[0]
    except UnicodeEncodeError:
        return False
    return first_lead <= lead <= last_lead


# --- HTML pages --------------------------------------------------------------------------------


def _looks_like_html(path: Path, text: str) -> bool:
    return path.suffix.lower() in (".html", ".htm") or bool(_HTML_START.match(text))


_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "title", "tr", "ul",
})  # fmt: skip
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg"})


class _TextCollector(HTMLParser):
    """Visible text, with a line break wherever a block element starts or ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True  # the headline: kept although it sits in <head>
        elif tag in _HIDDEN:
            self._hidden_depth += 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in _HIDDEN and self._hidden_depth:
            self._hidden_depth -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title or not self._hidden_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page: one line per block, spaces within a line collapsed."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"
