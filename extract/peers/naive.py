"""The naive instructor baseline: what a user writes in an afternoon.

One instructor call per article with the whole contract (`schemas.Document`) as the response
model, a plain short prompt, temperature 0, and instructor's usual validation re-asks. Nothing is
cleaned, normalised or repaired: only `doc_id` is set afterwards. An answer that never validates
fails the article, which is the honest result of this approach.
"""

from __future__ import annotations

from typing import Any

import instructor
import openai

from extract.peers import TIMEOUT_S, UsageMeter, counting_http_client
from extract.running.batch import ExtractArticle
from extract.runtime.usage import Usage
from schemas.models import Document

PROMPT = (
    "Extract the meetings, officials and resolutions in this news article as JSON matching the "
    "schema. Evidence spans give character offsets into the article and its exact text."
)

# How instructor reaches the server. TOOLS is instructor's default, and it works against
# llama-cpp-python's server: a forced tool_choice makes the server turn the function's JSON
# Schema into a grammar, so decoding is constrained to the Document schema (the Qwen chat
# template also shows the schema to the model). JSON_SCHEMA sends
# response_format={"type": "json_schema"}, which that server rejects with a 500; JSON sends a
# bare {"type": "json_object"} (any JSON, the schema only in the prompt), which a 1.5B model
# tends to run past max_tokens with. So a user who keeps the default ends up with TOOLS.
MODES: dict[str, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
DEFAULT_MODE = "tools"
# instructor's validation re-asks after the first answer. Its default (3) means four requests of
# up to 2,048 tokens each, about half an hour per article on two CPU cores; in a trial on one
# seed every re-ask failed as the first answer had (cut off mid-JSON). So: one request each.
MAX_RETRIES = 0


def make_extractor(
    base_url: str, model: str, max_tokens: int, mode: str = DEFAULT_MODE
) -> ExtractArticle:
    """`extract_article(text, doc_id, usage)` for `run_batch`, sending one request per attempt."""
    meter = UsageMeter()
    raw = openai.OpenAI(
        base_url=base_url,
        api_key="not-needed",
        timeout=TIMEOUT_S,
        http_client=counting_http_client(meter),
    )
    client = instructor.from_openai(raw, mode=MODES[mode])

    def extract_article(text: str, doc_id: str, usage: Usage) -> Document:
        with meter.counting(usage):
            document = client.chat.completions.create(
                model=model,
                response_model=Document,
                messages=messages(text),
                temperature=0,
                max_tokens=max_tokens,
                max_retries=MAX_RETRIES,
            )
        return document.model_copy(update={"doc_id": doc_id})

    return extract_article


def messages(text: str) -> list[Any]:
    return [{"role": "user", "content": f"{PROMPT}\n\n{text}"}]
