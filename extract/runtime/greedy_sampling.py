"""Greedy decoding under a grammar that tests the model's best tokens before the whole vocabulary.

llama-cpp-python samples every token through a chain (penalties, grammar, greedy) whose grammar
step tests each of the vocabulary's 151,936 entries against the JSON schema's grammar: on two
cores that is about 20 ms a token, an eighth of an article's time. At temperature 0 the answer
is the highest-scoring token the grammar allows. So the model's best token is tested alone
first, then its next best few; the first of them the grammar allows is the answer as long as
no token left off the list scores as high, and only when none is allowed does the whole chain
run. llama.cpp's own `common_sampler` checks its choice against the grammar before resampling
the same way. The tokens chosen are the chain's, token for token; only the time differs.

This reaches into llama-cpp-python's sampler (`Llama._sampler`, `Llama._ctx`), so the short
way is taken only for the chain it knows (penalties switched off, grammar, greedy) and settings
that cannot make the chain choose otherwise; anything else goes through the library's `sample`.
"""

from __future__ import annotations

import ctypes
from collections import Counter
from typing import Any

import llama_cpp
import numpy as np

# The chain llama-cpp-python builds for temperature 0 with a grammar and no logits processor
# (llama.cpp names the penalties "?penalties" when they are switched off).
_KNOWN_CHAINS = ((b"?penalties", b"grammar", b"greedy"), (b"penalties", b"grammar", b"greedy"))
_GRAMMAR_POSITION = 1


class GrammarShortlist:
    """Finds the token greedy decoding under a grammar chooses, from the best few tokens alone.

    `tally` counts how each token was settled: "best" (the best token, allowed), "runner_up"
    (a later one of the shortlist) or "full_chain" (none of them could be shown to be the one).
    """

    def __init__(self, size: int = 16) -> None:
        # 16: enough for the JSON punctuation the model runs together (`"],` where the grammar
        # wants `"]` first); testing a token costs microseconds, sorting the logits does not.
        self.size = size
        self._entries = (llama_cpp.llama_token_data * size)()
        self._fields = np.ctypeslib.as_array(self._entries)  # the same memory, as numpy
        self._array = llama_cpp.llama_token_data_array(
            data=self._entries, size=0, selected=-1, sorted=False
        )
        self.tally: Counter[str] = Counter()

    def choose(self, grammar_sampler: Any, logits: np.ndarray) -> int | None:
        """The token the chain would choose, or None when the whole chain must decide.

        Greedy takes the highest logit the grammar allows, the lowest id among equals; a
        shortlisted token is that token only if every token left off the list scores lower.
        """
        best = int(np.argmax(logits))  # the lowest id among equals, as greedy takes
        if self.allowed(grammar_sampler, [best], logits)[0]:
            self.tally["best"] += 1
            return best
        ranked = np.argpartition(-logits, self.size)[: self.size + 1]
        ranked = ranked[np.lexsort((ranked, -logits[ranked]))]
        shortlist, first_left_off = ranked[: self.size], ranked[self.size]
        for token, allowed in zip(
            shortlist, self.allowed(grammar_sampler, shortlist, logits), strict=True
        ):
            if allowed and logits[token] > logits[first_left_off]:
                self.tally["runner_up"] += 1
                return int(token)
            if allowed:
                break
        self.tally["full_chain"] += 1
        return None

    def allowed(self, grammar_sampler: Any, tokens: Any, logits: np.ndarray) -> list[bool]:
        """Which of `tokens` the grammar, in its present state, lets come next."""
        count = len(tokens)
        entries = self._fields[:count]
        entries["id"] = tokens
        entries["logit"] = logits[tokens]
        entries["p"] = 0.0
        self._array.size = count
        self._array.selected = -1
        self._array.sorted = False
        llama_cpp.llama_sampler_apply(grammar_sampler, ctypes.byref(self._array))
        # Read back by id: the grammar marks refused tokens and is not asked to keep the order.
        refused = set(entries["id"][entries["logit"] == -np.inf].tolist())
        return [int(token) not in refused for token in tokens]


def _sampler_names(chain: Any) -> tuple[bytes, ...]:
    count = llama_cpp.llama_sampler_chain_n(chain)
    return tuple(
        llama_cpp.llama_sampler_name(llama_cpp.llama_sampler_chain_get(chain, i))
        for i in range(count)
    )


def _penalties_are_off(settings: dict[str, Any]) -> bool:
    return bool(
        settings.get("repeat_penalty", 1.0) == 1.0
        and settings.get("frequency_penalty", 0.0) == 0.0
        and settings.get("presence_penalty", 0.0) == 0.0
    )


class GrammarCheckedGreedyLlama(llama_cpp.Llama):
    """`llama_cpp.Llama` whose greedy, grammar-constrained sampling tests the best tokens first."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shortlist = GrammarShortlist()

    def sample(self, **settings: Any) -> int:  # type: ignore[override]
        chain = self._shortlisted_chain(settings)
        if chain is not None:
            index = settings.get("idx")
            relative = index - self.n_tokens if index is not None else -1
            logits = np.ctypeslib.as_array(
                llama_cpp.llama_get_logits_ith(self._ctx.ctx, relative), shape=(self._n_vocab,)
            )
            grammar = llama_cpp.llama_sampler_chain_get(chain, _GRAMMAR_POSITION)
            token = self.shortlist.choose(grammar, logits)
            if token is not None:
                # What the chain does after choosing: every sampler (the grammar too) accepts it.
                llama_cpp.llama_sampler_accept(chain, token)
                return token
        return int(super().sample(**settings))

    def _shortlisted_chain(self, settings: dict[str, Any]) -> Any | None:
        """The sampler chain when the shortlist finds the chain's answer, else None."""
        if (
            self._sampler is None
            or settings.get("temp") != 0.0
            or settings.get("grammar") is None
            or settings.get("logits_processor") is not None
            or not _penalties_are_off(settings)
        ):
            return None
        chain = self._sampler.sampler
        if _sampler_names(chain) not in _KNOWN_CHAINS:  # microseconds; a new chain per answer
            return None
        return chain
