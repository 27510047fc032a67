"""Turning the model's quotes into spans of the article: code-point offsets into the text exactly
as read, so that `article[start:end] == span.text` always holds.
"""

from __future__ import annotations

import unicodedata

from schemas.models import Span


def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """The text NFKC-folded, lower-cased, whitespace removed; and for each character kept, the
    offset in `text` of the character it came from."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).lower():
            if not folded.isspace():
                chars.append(folded)
                offsets.append(index)
    return "".join(chars), offsets


def align_quote_to_text(quote: str, article: str) -> Span | None:
    """The span of the article that the quote copies, or None if it cannot be found.

    Exact matches are tried first; then a match ignoring case, whitespace and full-width/half-width
    differences (a model often turns "，" into "," or drops a no-break space), mapped back to
    offsets in the original text.
    """
    quote = quote.strip()
    if not quote:
        return None
    start = article.find(quote)
    if start >= 0:
        return Span(start=start, end=start + len(quote), text=quote)
    folded_article, offsets = _normalised_with_offsets(article)
    folded_quote, _ = _normalised_with_offsets(quote)
    if not folded_quote:
        return None
    position = folded_article.find(folded_quote)
    if position < 0:
        return None
    start = offsets[position]
    end = offsets[position + len(folded_quote) - 1] + 1
    return Span(start=start, end=end, text=article[start:end])
