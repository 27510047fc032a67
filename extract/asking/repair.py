"""Keeping what is complete in an answer that was cut off at the output-token limit.

A small model that starts repeating itself runs into the token limit mid-way through a list.
Every list item before the cut is usually fine, so the answer is cut back to its last complete
list item and its brackets closed; the result is used only if it validates.
"""

from __future__ import annotations

_CLOSERS = {"[": "]", "{": "}"}


def close_truncated_json(text: str) -> str | None:
    """`text` cut back to its last complete array element, with every open bracket closed.

    Returns None when no array element was completed before the cut.
    """
    stack: list[str] = []
    in_string = escaped = False
    cut: tuple[int, tuple[str, ...]] | None = None
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in _CLOSERS:
            stack.append(char)
        elif char in "]}" and stack:
            stack.pop()
            if stack and stack[-1] == "[":
                cut = (index + 1, tuple(stack))
    if cut is None:
        return None
    end, open_brackets = cut
    return text[:end] + "".join(_CLOSERS[b] for b in reversed(open_brackets))
