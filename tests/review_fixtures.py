"""Folders to build review pages from: the seeds with a prediction that differs from their gold
the way a real run does, and a small article full of text that is easy to get wrong.

`seed_run(out)` writes a prediction folder with every case the page must show: a name cut short
and an official left out (as `evals.synthetic.imperfect_copy` does), a wrong region and an
invented resolution, an article that failed (no record file, its reason in run.json), a record
file that is not valid JSON, a span whose offsets miss its text, and a prediction with no gold.
"""

from __future__ import annotations

import json
from pathlib import Path

from evals.synthetic import imperfect_copy, synthetic_pairs
from schemas.io import dump_document, load_document
from schemas.models import (
    Document,
    Meeting,
    MeetingKind,
    Official,
    Resolution,
    ResolutionKind,
    Span,
)
from schemas.runs import RUN_NUMBERS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "gold"

INVALID = "000_c87fae1540566935"  # the record file is not valid JSON
EDITED = "001_f3826c69192a0ce5"  # an official's region changed, a resolution invented
FAILED = "002_5209baac713e10c0"  # the extraction failed: no record file
SHORTENED = "003_9186e7268e8d1e14"  # meeting name cut short, an official left out
SHIFTED = "004_bf921efb7ae5e5e4"  # a copy of gold whose first span is moved by one character
UNKNOWN = "999_no_gold"  # a prediction without a gold file
FAILURE_REASON = "ExtractError: the model's answer was not valid JSON (llama.cpp, 3 attempts)"


def gold(doc_id: str) -> Document:
    return load_document(GOLD / f"{doc_id}.json")


def article(doc_id: str) -> str:
    return (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")


def _span(text: str, passage: str) -> Span:
    start = text.index(passage)
    return Span(start=start, end=start + len(passage), text=passage)


def _edited(document: Document) -> Document:
    officials = list(document.officials)
    officials[0] = Official.model_validate({**officials[0].model_dump(), "region": "CN-XZ"})
    meeting = document.meetings[0].id
    text = article(document.doc_id)
    invented = Resolution(
        id="r99",
        meeting=meeting,
        kind=ResolutionKind.SIGNED,
        title="一份并不存在的合作备忘录",
        evidence=[_span(text, text.strip().splitlines()[-1][:12])],
    )
    return document.model_copy(
        update={"officials": officials, "resolutions": [*document.resolutions, invented]}
    )


def _shifted(document: Document) -> Document:
    """The first record with evidence gets its first span moved one character to the right."""
    text = article(document.doc_id)
    for kind in ("meetings", "officials", "resolutions"):
        records = list(getattr(document, kind))
        for index, record in enumerate(records):
            if record.evidence:
                first = record.evidence[0]
                moved = Span(start=first.start + 1, end=first.end + 1, text=first.text)
                assert text[moved.start : moved.end] != moved.text
                records[index] = record.model_copy(
                    update={"evidence": [moved, *record.evidence[1:]]}
                )
                return document.model_copy(update={kind: records})
    raise AssertionError(f"{document.doc_id} has no evidence to shift")


def _run_entry(doc_id: str, status: str, number: int) -> dict[str, object]:
    return {
        "source": str(SEEDS / f"{doc_id}.txt"),
        "status": status,
        "reason": f"{SEEDS / doc_id}.txt: {FAILURE_REASON}" if status == "failed" else None,
        "note": None,
        "seconds": 10.0 + number,
        "prompt_tokens": 1000 * (number + 1),
        "completion_tokens": 100 * (number + 1),
        "calls": 2 + number,
        "cache_hits": number % 2,
        "resumed": False,
    }


def seed_run(out: Path) -> Path:
    """A prediction folder for the seeds (see the module docstring), with its run.json."""
    out.mkdir(parents=True, exist_ok=True)
    predictions = {
        SHORTENED: imperfect_copy(gold(SHORTENED), SHORTENED),
        EDITED: _edited(gold(EDITED)),
        SHIFTED: _shifted(gold(SHIFTED)),
        UNKNOWN: Document(doc_id=UNKNOWN, language="en"),
    }
    for doc_id, document in predictions.items():
        (out / f"{doc_id}.json").write_text(dump_document(document), encoding="utf-8")
    (out / f"{INVALID}.json").write_text(f'{{"doc_id": "{INVALID}", ', encoding="utf-8")
    ids = [INVALID, EDITED, FAILED, SHORTENED, SHIFTED]
    entries = {
        doc_id: _run_entry(doc_id, "failed" if doc_id == FAILED else "ok", number)
        for number, doc_id in enumerate(ids)
    }
    run = {
        "run_info": {"backend": "scripted", "model": "none"},
        "started": "2024-01-01T00:00:00+00:00",
        "updated": "2024-01-01T00:01:00+00:00",
        "totals": {
            "ok": 4,
            "failed": 1,
            **{name: sum(e[name] for e in entries.values()) for name in RUN_NUMBERS},  # type: ignore[misc]
        },
        "articles": entries,
    }
    (out / "run.json").write_text(json.dumps(run, ensure_ascii=False, indent=2), encoding="utf-8")
    return out


def synthetic_run(root: Path, count: int) -> tuple[Path, Path, Path]:
    """(gold, prediction, articles) folders of `count` documents made by the bench's generator."""
    folders = root / "gold", root / "pred", root / "articles"
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    gold_dir, pred_dir, articles_dir = folders
    golds = [load_document(path) for path in sorted(GOLD.glob("*.json"))]
    gold_docs, pred_docs = synthetic_pairs(golds, count)
    for doc_id, document in gold_docs.items():
        base = doc_id.rsplit("-", 1)[0]
        (gold_dir / f"{doc_id}.json").write_text(dump_document(document), encoding="utf-8")
        (pred_dir / f"{doc_id}.json").write_text(dump_document(pred_docs[doc_id]), encoding="utf-8")
        (articles_dir / f"{doc_id}.txt").write_bytes((SEEDS / f"{base}.txt").read_bytes())
    return gold_dir, pred_dir, articles_dir


# --- An article of awkward text -------------------------------------------------------------

TRICKY_ID = "tricky"
# Characters outside the Basic Multilingual Plane (two UTF-16 units each) come before every
# span; traditional and simplified forms, full-width punctuation, no-break spaces, CRLF.
TRICKY_ARTICLE = (
    "𠀀😀𝌆 標題：粵港澳大灣區\r\n"
    "２０２３年７月７日，泛珠三角区域合作行政首长联席会议在贵阳举行。😀😀\u00a0\u00a0会议由\u00a0王小明\u00a0主持。\r\n"
    "廣東省省長王偉中出席會議並講話。𠀁\r\n"
    "Note: </script><script>window.__pwned = 1</script> and "
    '<img src=x onerror="window.__pwned=2">.\r\n'
    "会议审议通过了《泛珠三角区域合作发展规划（2023—2025年）》。\r\n"
)
MEETING_TEXT = "泛珠三角区域合作行政首长联席会议在贵阳举行。"
PRESIDER_TEXT = "会议由\u00a0王小明\u00a0主持。"
GOVERNOR_TEXT = "廣東省省長王偉中出席會議並講話。"
INJECTION_TEXT = (
    '</script><script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned=2">'
)
PLAN_TEXT = "《泛珠三角区域合作发展规划（2023—2025年）》"


def _tricky_gold() -> Document:
    text = TRICKY_ARTICLE
    return Document(
        doc_id=TRICKY_ID,
        language="zh",
        meetings=[
            Meeting(
                id="m1",
                name="泛珠三角区域合作行政首长联席会议",
                kind=MeetingKind.JOINT_MEETING,
                primary=True,
                evidence=[_span(text, MEETING_TEXT)],
            )
        ],
        officials=[
            Official(id="o1", name="王小明", evidence=[_span(text, PRESIDER_TEXT)]),
            Official(
                id="o2", name="王偉中", name_zh="王伟中", evidence=[_span(text, GOVERNOR_TEXT)]
            ),
        ],
        resolutions=[
            Resolution(
                id="r1",
                meeting="m1",
                kind=ResolutionKind.ADOPTED,
                title="泛珠三角区域合作发展规划（2023—2025年）",
                evidence=[_span(text, PLAN_TEXT)],
            )
        ],
    )


def _tricky_prediction() -> Document:
    """Misses the governor, invents an official named by the injected markup."""
    document = _tricky_gold()
    injected = Official(
        id="o9",
        name='<img src=x onerror="window.__pwned=3">',
        evidence=[_span(TRICKY_ARTICLE, INJECTION_TEXT)],
    )
    return document.model_copy(update={"officials": [document.officials[0], injected]})


def tricky_corpus(root: Path) -> tuple[Path, Path, Path]:
    """(gold folder, prediction folder, articles folder) of the one awkward article."""
    folders = root / "gold", root / "pred", root / "articles"
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    gold_dir, pred_dir, articles_dir = folders
    (gold_dir / f"{TRICKY_ID}.json").write_text(dump_document(_tricky_gold()), encoding="utf-8")
    (pred_dir / f"{TRICKY_ID}.json").write_text(
        dump_document(_tricky_prediction()), encoding="utf-8"
    )
    # newline="": the CRLF line ends must reach the file as they are.
    with open(articles_dir / f"{TRICKY_ID}.txt", "w", encoding="utf-8", newline="") as handle:
        handle.write(TRICKY_ARTICLE)
    return gold_dir, pred_dir, articles_dir
