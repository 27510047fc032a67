"""Where a meeting was held, compared across spellings and scripts.

The scorer pairs a predicted meeting with a gold one partly by place, and consolidation merges two
reports of one meeting partly by place: both compare places with these functions, so that a
place the scorer counts as the same is the same place for consolidation too.
"""

from __future__ import annotations

import re
import unicodedata

from schemas.models import Meeting
from schemas.names import fold_latin_name, has_cjk, to_simplified

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def place_key(city: str | None) -> str | None:
    """A city name's comparison key: "Guiyang City" -> "guiyang", "貴陽市" -> "贵阳"; None for no
    city (or one with nothing to compare)."""
    if not city:
        return None
    text = unicodedata.normalize("NFKC", city)
    if has_cjk(text):
        key = "".join(_CJK_RUN.findall(to_simplified(text)))
        key = key.removesuffix("市") or key
    else:
        key = fold_latin_name(text)
        key = key.removesuffix("city") or key
    return key or None


def same_place(a: Meeting, b: Meeting) -> bool:
    """The same province (when `a` names one), or the same city by `place_key`."""
    if a.province is not None and a.province == b.province:
        return True
    key = place_key(a.city)
    return key is not None and key == place_key(b.city)
