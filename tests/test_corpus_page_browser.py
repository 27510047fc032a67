"""The corpus page (`consolidate --html`) opened from disk in a real headless Chromium.

Made by the command line from the seeds' gold, the invented cases (a career across three regions)
and one Document whose names are markup, which must show as text. Without the browser these tests
skip, except in CI (CI=true), where they fail: `make test` installs it.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from schemas import (
    Attendance,
    Document,
    Meeting,
    MeetingKind,
    Official,
    Position,
    Rank,
    RegionCode,
    Role,
    dump_document,
)
from schemas.corpus import load_corpus
from tests.conftest import GOLD, ROOT
from tests.test_review_browser import open_browser

CASES = ROOT / "evals" / "consolidation-cases"
MARKUP = '<img src=x onerror="document.title=1">Ho <b>Wing</b>'


def _markup_document(folder: Path) -> Path:
    folder.mkdir()
    official = Official(
        id="o1",
        name=MARKUP,
        region=RegionCode.MO,
        positions=[Position(title="<i>Secretary</i>", rank=Rank.OTHER, region=RegionCode.MO)],
        meetings=[Attendance(meeting="m1", roles=[Role.ATTENDED])],
    )
    document = Document(
        doc_id="markup",
        language="en",
        meetings=[Meeting(id="m1", name="<script>alert(1)</script> talks", kind=MeetingKind.TALKS)],
        officials=[official],
    )
    (folder / "markup.json").write_text(dump_document(document), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("page")
    markup = _markup_document(folder / "docs")
    html, out = folder / "site" / "corpus.html", folder / "corpus.json"
    result = subprocess.run(
        [sys.executable, "-m", "extract", "consolidate", str(GOLD), str(CASES), str(markup),
         "--db", str(folder / "corpus.sqlite"), "--out", str(out), "--html", str(html)],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return html, out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    driver = open_browser()
    yield driver
    driver.quit()


CAREER_SCRIPT = """
const card = document.getElementById('person-' + arguments[0]);
return {
  offices: [...card.querySelectorAll('tr.office')].map((row) =>
    [row.querySelector('.date').textContent, row.querySelector('.region').textContent]),
  merges: [...card.querySelectorAll('.merge')].map((m) => m.dataset.kind),
  attended: card.querySelectorAll('li.attended').length,
  links: [...card.querySelectorAll('a.source')].map((a) => a.getAttribute('href')),
};
"""


def test_a_persons_career_is_shown_with_how_it_was_joined(
    page: tuple[Path, Path], browser: Any
) -> None:
    html, out = page
    corpus = load_corpus(out)
    person = next(p for p in corpus.people if len({s.doc_id for s in p.sources}) == 3)
    browser.get(html.as_uri() + f"#person-{person.id}")
    shown = browser.execute_script(CAREER_SCRIPT, person.id)
    assert shown["offices"] == [
        ["2016-05-18", "CN-FJ"], ["2019-09-02", "CN-GZ"], ["2019-09-02", "CN-GZ"],
        ["2023-11-14", "CN-TJ"],
    ]  # fmt: skip
    assert shown["merges"] == ["career", "career"]
    assert shown["attended"] == 3
    # Every source links to its Document file, relative to the page, and the file is there.
    assert shown["links"] and all((html.parent / link).is_file() for link in shown["links"])


TIMELINE_SCRIPT = """
return [...document.querySelectorAll('.series')].map((series) => ({
  title: series.querySelector('h3').textContent,
  editions: [...series.querySelectorAll('.edition')].map((e) => ({
    year: e.dataset.year, status: e.querySelector('.status').textContent,
    conflict: e.classList.contains('conflict'),
    venue: e.querySelector('.venue') ? e.querySelector('.venue').textContent : null})),
}));
"""


def test_a_series_timeline_shows_held_planned_and_conflicting_editions(
    page: tuple[Path, Path], browser: Any
) -> None:
    browser.get(page[0].as_uri())
    series = browser.execute_script(TIMELINE_SCRIPT)
    yrd = next(s for s in series if "Yangtze" in s["title"])
    assert [(e["year"], e["status"], e["conflict"]) for e in yrd["editions"]] == [
        ("2023", "held", False), ("2024", "held", True), ("2025", "planned", False)
    ]  # fmt: skip
    assert yrd["editions"][1]["venue"] == "venue: Wenzhou, CN-ZJ"


def test_text_from_articles_is_shown_as_text_never_as_markup(
    page: tuple[Path, Path], browser: Any
) -> None:
    browser.get(page[0].as_uri())
    assert browser.title == "Corpus"  # the onerror handler never ran
    names = browser.execute_script(
        "return [...document.querySelectorAll('.person h3')].map((h) => h.textContent);"
    )
    assert any(MARKUP in name for name in names)
    made = browser.execute_script(
        "return [...document.querySelectorAll('main img, main b, main i')]"
        ".map((e) => e.textContent);"
    )
    assert "Wing" not in made and "Secretary" not in made and not any(m == "" for m in made)
    meeting = browser.execute_script(
        "return [...document.querySelectorAll('.meeting h3')].map((h) => h.textContent);"
    )
    assert any("<script>alert(1)</script> talks" in name for name in meeting)


MEETING_SCRIPT = """
const card = document.getElementById('meeting-' + arguments[0]);
return {
  participants: [...card.querySelectorAll('li.participant > a')].map((a) => a.textContent),
  decisions: [...card.querySelectorAll('li.decision')].map((d) => d.firstChild.textContent),
  sources: [...card.querySelectorAll(':scope > div > .source a')].map((a) => a.textContent),
};
"""


def test_a_meeting_shows_its_participants_and_decisions_with_sources(
    page: tuple[Path, Path], browser: Any
) -> None:
    html, out = page
    corpus = load_corpus(out)
    meeting = next(m for m in corpus.meetings if len(m.sources) == 2)  # the 2023 PPRD meeting
    browser.get(html.as_uri() + f"#meeting-{meeting.id}")
    shown = browser.execute_script(MEETING_SCRIPT, meeting.id)
    assert len(shown["participants"]) == len(meeting.participants)
    assert any("Mao Weiming" in name and "毛伟明" in name for name in shown["participants"])
    assert sorted(d.split(":")[0] for d in shown["decisions"]) == ["next_meeting", "signed"]
    assert shown["sources"] == [str(s) for s in meeting.sources]


def test_typing_a_name_filters_the_people(page: tuple[Path, Path], browser: Any) -> None:
    browser.get(page[0].as_uri())
    box = browser.find_element("id", "filter")
    box.send_keys("lu wenqi")
    shown = browser.execute_script(
        "return [...document.querySelectorAll('.person')].filter((c) => !c.hidden)"
        ".map((c) => c.querySelector('h3').textContent);"
    )
    assert len(shown) == 2 and all("Lu Wenqi" in name for name in shown)  # career and namesake
