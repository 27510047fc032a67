"""Which script an article is written in: English, simplified or traditional Chinese.

Scores are reported per script because the three fail in different ways (a rule written for
simplified characters misses a traditional article entirely). An article is Chinese when Han
characters outnumber Latin words, and traditional when enough of its Han characters change
under traditional-to-simplified folding.
"""

from __future__ import annotations

import re
from typing import Literal

from schemas.names import has_cjk, to_simplified

Script = Literal["en", "zh-Hans", "zh-Hant"]
SCRIPTS: tuple[Script, ...] = ("en", "zh-Hans", "zh-Hant")
TRADITIONAL_SHARE = 0.05
"""Least share of Han characters that folding changes for a text to count as traditional."""


def article_script(text: str) -> Script:
    """ "en", "zh-Hans" or "zh-Hant" for an article's text."""
    han = [char for char in text if has_cjk(char)]
    if len(han) <= len(re.findall(r"[A-Za-z]+", text)):
        return "en"
    joined = "".join(han)
    changed = sum(a != b for a, b in zip(joined, to_simplified(joined), strict=False))
    return "zh-Hant" if changed >= TRADITIONAL_SHARE * len(han) else "zh-Hans"
