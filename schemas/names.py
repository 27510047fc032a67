"""Person-name normal forms shared by the scorer and the extractor.

Chinese names are folded to simplified characters; their pinyin is written surname first with the
given name joined ("Mao Weiming", "Ouyang Jian"). Because a character can have several readings,
`name_keys` returns every plausible romanisation, so a comparison never depends on guessing the
one reading a dictionary prefers.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC
from pypinyin import Style, pinyin

_T2S = OpenCC("t2s")

# Two-character surnames: the whole pair is the family name.
COMPOUND_SURNAMES: frozenset[str] = frozenset(
    {
        "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "令狐", "慕容", "宇文",
        "长孙", "夏侯", "端木", "司徒", "司空", "轩辕", "澹台", "呼延", "独孤", "南宫", "西门",
        "百里", "万俟", "申屠", "闻人", "东郭", "公羊", "太史", "钟离", "赫连", "濮阳",
    }
)  # fmt: skip

# Surnames whose reading differs from the character's everyday reading.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan",
    "曾": "zeng",
    "覃": "qin",
    "仇": "qiu",
    "解": "xie",
    "区": "ou",
    "朴": "piao",
    "查": "zha",
    "盖": "ge",
    "乐": "yue",
    "缪": "miao",
    "翟": "zhai",
    "尉迟": "yuchi",
    "万俟": "moqi",
    "长孙": "zhangsun",
    "任": "ren",
    "华": "hua",
    "纪": "ji",
    "秘": "bi",
    "繁": "po",
    "员": "yun",
    "种": "chong",
    "宁": "ning",
    "召": "shao",
    "柏": "bai",
}

# Characters whose reading inside a given name differs from the reading a dictionary prefers.
GIVEN_NAME_READINGS: dict[str, str] = {"长": "chang"}

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NON_LETTERS = re.compile(r"[^a-z]")


def has_cjk(text: str) -> bool:
    """Whether the text contains any Han character."""
    return bool(_CJK.search(text))


def to_simplified(text: str) -> str:
    """Traditional characters folded to simplified; other text unchanged."""
    return str(_T2S.convert(text))


def fold_latin_name(name: str) -> str:
    """A romanised name compared without case, accents, spaces, hyphens or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", name)
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_LETTERS.sub("", without_marks.lower())


def split_chinese_name(name: str) -> tuple[str, str]:
    """(surname, given name) of a simplified Han name, with two-character surnames kept whole."""
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def _readings(chars: str) -> list[list[str]]:
    return [
        sorted(set(options))
        for options in pinyin(chars, style=Style.NORMAL, heteronym=True, errors="ignore")
    ]


@lru_cache(maxsize=4096)
def pinyin_variants(name_zh: str) -> tuple[str, ...]:
    """Every romanisation of a Han name, surname first, as display strings ("Xin Changxing").

    The first variant uses each character's most common reading and the surname table, which is
    the normal form the extractor writes into `name_en`.
    """
    simplified = to_simplified(re.sub(r"\s", "", name_zh))
    surname, given = split_chinese_name(simplified)
    surname_options = (
        [SURNAME_READINGS[surname]]
        if surname in SURNAME_READINGS
        else ["".join(parts) for parts in itertools.product(*_readings(surname))]
    )
    preferred_surname = SURNAME_READINGS.get(surname) or "".join(
        p[0] for p in pinyin(surname, style=Style.NORMAL, errors="ignore")
    )
    preferred_given = "".join(
        GIVEN_NAME_READINGS.get(char) or "".join(p[0] for p in pinyin(char, style=Style.NORMAL))
        for char in given
        if has_cjk(char)
    )
    variants = [_display(preferred_surname, preferred_given)]
    given_options = itertools.islice(itertools.product(*_readings(given)), 64)
    for sur, giv in itertools.product(surname_options, ["".join(g) for g in given_options]):
        shown = _display(sur, giv)
        if shown not in variants:
            variants.append(shown)
    return tuple(variants)


def _display(surname: str, given: str) -> str:
    return f"{surname.capitalize()} {given.capitalize()}".strip()


def romanise(name_zh: str) -> str:
    """The normal pinyin of a Han name: "王小明" -> "Wang Xiaoming", "欧阳坚" -> "Ouyang Jian"."""
    return pinyin_variants(name_zh)[0]


def name_keys(*names: str | None) -> frozenset[str]:
    """Comparison keys for everything a record calls one person.

    A Han name gives its simplified form and the folded form of every pinyin variant; a romanised
    name gives its folded form, and also the form with its first and last words swapped, because
    English text often writes Chinese names given-name first.
    """
    keys: set[str] = set()
    for name in names:
        if not name or not name.strip():
            continue
        if has_cjk(name):
            simplified = to_simplified(re.sub(r"\s", "", name))
            keys.add(simplified)
            keys.update(fold_latin_name(v) for v in pinyin_variants(simplified))
        else:
            keys.add(fold_latin_name(name))
            words = name.split()
            if len(words) >= 2:
                keys.add(fold_latin_name(" ".join([words[-1], *words[1:-1], words[0]])))
    keys.discard("")
    return frozenset(keys)
