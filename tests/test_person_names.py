"""A person's name by its form, whatever words the article uses (invented names throughout)."""

from __future__ import annotations

import pytest

from extract.records.titled_names import is_person_name


@pytest.mark.parametrize(
    "name",
    ["周立新", "欧阳明远", "時光遠", "江川", "Zhou Lixin", "Mr Zhou Lixin", "Lam Chun-ming",
     "C Y Lam", "阿不都·热合曼"],
)  # fmt: skip
def test_names_of_people_are_names(name: str) -> None:
    assert is_person_name(name)


@pytest.mark.parametrize(
    "name",
    [
        # regions and groups of regions, in any script
        "Hong Kong", "Hong Kong SAR", "Macao Special Administrative Region", "Inner Mongolia",
        "Ningxia Hui Autonomous Region", "Yangtze River Delta", "Greater Bay Area", "长三角",
        "香港", "內蒙古",
        # kinds of place
        "Northland Prefecture", "Pearl River Delta", "Westlake Economic Zone",
        # verbs, adverbs and abbreviations a dictionary knows as such
        "率团", "率领", "出席", "发改委", "省发改委", "市经信委",
        # groups, organisations, titles
        "企业家代表", "两省领导", "代表团", "省长",
    ],
)  # fmt: skip
def test_what_is_not_a_person_is_never_a_name(name: str) -> None:
    assert not is_person_name(name)
