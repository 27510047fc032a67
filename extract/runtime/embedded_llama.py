"""The embedded model's `llama_cpp.Llama`: greedy decoding that tests the grammar on the best
tokens first (`greedy_sampling`), and JSON answers ended when their list repeats itself
(`repetition`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from extract.runtime.greedy_sampling import GrammarCheckedGreedyLlama
from extract.runtime.repetition import REPEATS_BEFORE_STOPPING, RepeatedEntries


class EmbeddedLlama(GrammarCheckedGreedyLlama):
    """`stopped_repeating` says whether the last answer was ended for repeating itself."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stopped_repeating = False

    def generate(self, tokens: Sequence[int], **settings: Any) -> Iterator[int]:  # type: ignore[override]
        """The library's tokens; for a grammar-constrained answer, end-of-text in place of the
        token that completes its list's third repeated entry."""
        self.stopped_repeating = False
        if settings.get("grammar") is None:
            yield from super().generate(tokens, **settings)
            return
        entries = RepeatedEntries()
        for token in super().generate(tokens, **settings):
            if entries.feed(self.detokenize([token])) >= REPEATS_BEFORE_STOPPING:
                self.stopped_repeating = True
                yield self.token_eos()
                return
            yield token
