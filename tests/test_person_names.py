"""A person's name by its form, whatever words the article uses (invented names throughout)."""

from __future__ import annotations

import pytest

from extract.records.titled_names import is_person_name, person_name


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


def test_a_title_before_a_name_followed_by_an_adverb_is_read() -> None:
    from extract.reading.text import split_sentences
    from extract.records.titled_names import chinese_titled_names

    (sentence,) = split_sentences("甘肃省长韩青禾、福建省长许文墨先后讲话。")
    found = {f.name: f.titles for f in chinese_titled_names(sentence)}
    assert found["许文墨"] == ("福建省长",)


def test_a_passive_clause_before_the_first_name_of_a_list_is_not_its_name() -> None:
    from extract.reading.text import split_sentences
    from extract.records.titled_names import english_titled_names

    (sentence,) = split_sentences(
        "The symposium was presided over by Zhou Yuanshan, Secretary of the Fujian Provincial "
        "Party Committee, and Ma Lichuan, Governor of Gansu, spoke."
    )
    found = {f.name: f.titles for f in english_titled_names(sentence)}
    assert found["Zhou Yuanshan"] == ("Secretary of the Fujian Provincial Party Committee",)


def test_a_surname_that_also_opens_a_clause_or_ends_an_organisation_is_still_a_name() -> None:
    # 于 and 向 are surnames; 社 ends 新华社 but "X苏社" is no word of an organisation.
    for name in ("于立明", "向远山", "刘远社"):
        assert is_person_name(name), name
    for clause_or_body in ("于北京", "向湖州", "新华社", "南京", "宁波市"):
        assert not is_person_name(clause_or_body), clause_or_body


def test_a_name_is_cut_of_an_honorific_and_of_the_sentence_run_into_it() -> None:
    assert person_name("Mr Zhou Ming") == "Zhou Ming"
    assert person_name("Northport.Zhou Ming") == "Zhou Ming"  # "…in Northport.Zhou Ming, …"
    assert person_name("C.Y. Leung") == "C.Y. Leung"
    assert person_name("周明先生") == "周明"
