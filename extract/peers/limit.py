"""The physical limit: the least time this machine needs to read an article and write its record.

llama.cpp runs in this process with the model the toolkit uses. Two speeds are measured:
prompt processing (a ~2000-token prompt evaluated in one go, after a warm-up) and generation (200
tokens, greedy, one at a time). An article's floor is then its own tokens read at prompt speed
plus its gold record's tokens (compact JSON) written at generation speed: no instructions, no
examples, no schema, no second question. Every real system costs more than this.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

from schemas.io import read_article

PROMPT_TOKENS = 2000
WARMUP_TOKENS = 64
GENERATED_TOKENS = 200
# Text to time prompt reading on when no article is given (repeated to length).
_FILLER = (
    "The executive heads of the regions met to review cooperation on transport, trade and "
    "the environment, and agreed on the host of the next meeting. 各方围绕区域合作深入交流，"
    "审议通过了有关文件，并商定下一届会议的承办方。"
)


class ArticleFloor(TypedDict):
    article: str
    article_tokens: int
    record_tokens: int
    min_seconds: float


class Limit(TypedDict):
    model_path: str
    threads: int
    prompt_tps: float
    generation_tps: float
    articles: list[ArticleFloor]
    min_seconds: float


def parse_pair(text: str) -> tuple[Path, Path]:
    """ARTICLE=RECORD as two paths."""
    article, sep, record = text.rpartition("=")
    if not sep or not article or not record:
        raise ValueError(f"expected ARTICLE.txt=RECORD.json, got {text!r}")
    return Path(article), Path(record)


def record_text(path: Path) -> str:
    """The record file's JSON as a model would write it: compact, Chinese unescaped."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def load_model(model_path: Path, n_ctx: int, threads: int | None) -> Any:
    """llama.cpp with the model, on as many threads as the toolkit's embedded backend uses."""
    from llama_cpp import Llama

    return Llama(
        model_path=str(model_path),
        n_ctx=n_ctx,
        n_threads=threads or os.cpu_count() or 1,
        verbose=False,
    )


def tokens(llm: Any, text: str) -> list[int]:
    return list(llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))


def prompt_speed(llm: Any, text: str) -> float:
    """Tokens per second reading a PROMPT_TOKENS prompt (after a short warm-up)."""
    sample = tokens(llm, text) or tokens(llm, _FILLER)
    prompt = (sample * (PROMPT_TOKENS // len(sample) + 1))[:PROMPT_TOKENS]
    llm.reset()
    llm.eval(prompt[:WARMUP_TOKENS])
    llm.reset()
    started = time.perf_counter()
    llm.eval(prompt)
    seconds = time.perf_counter() - started
    llm.reset()
    return len(prompt) / seconds


def generation_speed(llm: Any) -> float:
    """Tokens per second writing GENERATED_TOKENS tokens greedily, one at a time."""
    llm.reset()
    llm.eval(tokens(llm, _FILLER))
    started = time.perf_counter()
    for _ in range(GENERATED_TOKENS):
        llm.eval([llm.sample(top_k=1, temp=0.0)])
    seconds = time.perf_counter() - started
    llm.reset()
    return GENERATED_TOKENS / seconds


def measure(
    model_path: Path, n_ctx: int, threads: int | None, pairs: Sequence[tuple[Path, Path]]
) -> Limit:
    """The speeds and each pair's floor, as the JSON the command prints."""
    llm = load_model(model_path, n_ctx, threads)
    articles = [(path, read_article(path), record_text(record)) for path, record in pairs]
    prompt_tps = prompt_speed(llm, "\n\n".join(text for _, text, _ in articles))
    generation_tps = generation_speed(llm)
    rows = [
        _row(path, len(tokens(llm, text)), len(tokens(llm, record)), prompt_tps, generation_tps)
        for path, text, record in articles
    ]
    return {
        "model_path": str(model_path),
        "threads": threads or os.cpu_count() or 1,
        "prompt_tps": round(prompt_tps, 2),
        "generation_tps": round(generation_tps, 2),
        "articles": rows,
        "min_seconds": round(sum(row["min_seconds"] for row in rows), 3),
    }


def _row(
    path: Path, article_tokens: int, record_tokens: int, prompt_tps: float, generation_tps: float
) -> ArticleFloor:
    seconds = article_tokens / prompt_tps + record_tokens / generation_tps
    return {
        "article": str(path),
        "article_tokens": article_tokens,
        "record_tokens": record_tokens,
        "min_seconds": round(seconds, 3),
    }
