"""Splitting a long article on paragraph boundaries, so that each piece fits the model's context.

Each chunk after the first repeats the last paragraph of the one before (the overlap), so a
record stated across a paragraph break is seen whole at least once; records found in several
chunks are merged when the answers become records.
"""

from __future__ import annotations

from schemas.names import has_cjk

MAX_CHUNK_TOKENS = 3000
"""Article tokens per question; with the system prompt and the answer this fits n_ctx 8192."""


def estimated_tokens(text: str) -> int:
    """A tokenizer-free estimate for Qwen-style vocabularies: ~1.4 Han characters or ~4 other
    characters per token, rounded up."""
    han = sum(1 for char in text if has_cjk(char))
    return int(han / 1.4 + (len(text) - han) / 4) + 1


def split_into_chunks(text: str, max_tokens: int = MAX_CHUNK_TOKENS) -> list[str]:
    """The text as one chunk if it fits, else paragraph-aligned chunks with one paragraph of
    overlap. A single paragraph longer than the budget is cut at line breaks or, failing
    that, by length."""
    if estimated_tokens(text) <= max_tokens:
        return [text]
    pieces = [p for p in _paragraph_pieces(text, max_tokens) if p.strip()]
    chunks: list[str] = []
    current: list[str] = []
    for piece in pieces:
        if current and estimated_tokens("".join(current) + piece) > max_tokens:
            chunks.append("".join(current))
            current = [current[-1]] if estimated_tokens(current[-1] + piece) <= max_tokens else []
        current.append(piece)
    if current:
        chunks.append("".join(current))
    return chunks


def _paragraph_pieces(text: str, max_tokens: int) -> list[str]:
    pieces: list[str] = []
    for line in text.splitlines(keepends=True):
        while estimated_tokens(line) > max_tokens:
            cut = max(1, int(len(line) * max_tokens / estimated_tokens(line)) - 1)
            pieces.append(line[:cut])
            line = line[cut:]
        pieces.append(line)
    return pieces
