"""The grammar shortlist chooses what llama-cpp-python's own sampling chain chooses, token by token.

Real model, real grammar: the shortlist is only worth having if it never changes an answer, and
only the library's own chain, run beside it on the same prompt, can say what the answer is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from extract.asking.answers import OfficialsAnswer
from extract.runtime.model_files import resolve_model_path
from tests.requirements import INSTALLED_MODELS_DIR, requires

pytestmark = [pytest.mark.live, requires("model")]

# An invented article: a province and people that do not exist.
MESSAGES = [
    {
        "role": "user",
        "content": "List the officials as JSON: 澜江省委书记周明远、省长陈立新出席会议,"
        "副省长何晓岚主持。",
    }
]
RESPONSE_FORMAT = {"type": "json_object", "schema": OfficialsAnswer.model_json_schema()}


def _load(cls: Any) -> Any:
    return cls(
        model_path=str(resolve_model_path(INSTALLED_MODELS_DIR, None)),
        n_ctx=1024,
        n_threads=os.cpu_count() or 1,
        seed=0,
        verbose=False,
    )


@pytest.fixture(scope="module")
def shortlisted() -> Iterator[Any]:
    from extract.runtime.greedy_sampling import GrammarCheckedGreedyLlama

    model = _load(GrammarCheckedGreedyLlama)
    yield model
    model.close()


def _answer(model: Any, max_tokens: int = 160, **settings: Any) -> str:
    response = model.create_chat_completion(
        messages=MESSAGES, max_tokens=max_tokens, **{"temperature": 0.0, **settings}
    )
    return str(response["choices"][0]["message"]["content"])


def test_the_shortlist_gives_the_library_chains_answer_token_for_token(shortlisted: Any) -> None:
    from llama_cpp import Llama

    library = _load(Llama)
    try:
        expected = _answer(library, response_format=RESPONSE_FORMAT)
    finally:
        library.close()
    shortlisted.shortlist.tally.clear()
    assert _answer(shortlisted, response_format=RESPONSE_FORMAT) == expected
    tally = shortlisted.shortlist.tally
    # Every way of choosing was used, so each was compared with the chain here: the best token
    # allowed, a runner-up (a JSON key the model did not expect), and the whole chain.
    assert tally["best"] > tally["runner_up"] > 0
    assert tally["full_chain"] > 0


@pytest.mark.parametrize(
    "settings",
    [
        {"temperature": 0.7, "response_format": RESPONSE_FORMAT},  # sampling, not greedy
        {"temperature": 0.0, "repeat_penalty": 1.3, "response_format": RESPONSE_FORMAT},
        {"temperature": 0.0},  # no grammar: nothing to check
    ],
    ids=["sampling", "penalties", "no-grammar"],
)
def test_settings_the_shortlist_cannot_follow_go_to_the_library(
    shortlisted: Any, settings: dict[str, Any]
) -> None:
    shortlisted.shortlist.tally.clear()
    _answer(shortlisted, max_tokens=12, **settings)
    assert sum(shortlisted.shortlist.tally.values()) == 0


@pytest.fixture(scope="module")
def yes_no_grammar(shortlisted: Any) -> Iterator[Any]:
    import llama_cpp

    sampler = llama_cpp.llama_sampler_init_grammar(
        shortlisted._model.vocab, b'root ::= "yes" | "no"', b"root"
    )
    yield sampler
    llama_cpp.llama_sampler_free(sampler)


def _token(model: Any, text: str) -> int:
    tokens = model.tokenize(text.encode(), add_bos=False, special=False)
    assert len(tokens) == 1, f"{text!r} is not one token"
    return int(tokens[0])


def test_a_runner_up_is_chosen_only_when_nothing_left_off_scores_as_high(
    shortlisted: Any, yes_no_grammar: Any
) -> None:
    import numpy as np

    from extract.runtime.greedy_sampling import GrammarShortlist

    shortlist = GrammarShortlist(size=4)
    yes, maybe = _token(shortlisted, "yes"), _token(shortlisted, "maybe")
    logits = np.zeros(shortlisted.n_vocab(), dtype=np.single)

    logits[yes] = 3.0
    assert shortlist.choose(yes_no_grammar, logits) == yes  # the best token, allowed

    logits[maybe] = 5.0  # now the best token is refused and "yes" is second
    assert shortlist.choose(yes_no_grammar, logits) == yes

    logits[yes] = 0.0  # allowed, but tied with thousands of tokens left off the list
    assert shortlist.choose(yes_no_grammar, logits) is None

    # Tied with the first token left off: which of equals greedy takes is the chain's call.
    pair = GrammarShortlist(size=2)
    n = _token(shortlisted, "n")
    logits[[yes, n]] = 1.0  # the list: "maybe", then "n" (the lower id); "yes" left off
    assert pair.choose(yes_no_grammar, logits) is None
    logits[[yes, n]] = 0.0

    logits[yes] = 1.0
    prefixes = {b"y", b"ye", b"yes", b"n", b"no"}
    crowd = [t for t in range(1000, 1100) if shortlisted.detokenize([t]) not in prefixes]
    logits[crowd[:5]] = 2.0  # five refused tokens outrank "yes"
    assert shortlist.choose(yes_no_grammar, logits) is None  # not on a list of four
    assert shortlist.tally == {"best": 1, "runner_up": 1, "full_chain": 2}
    assert pair.tally == {"full_chain": 1}
