"""The gazetteer below the provincial level: cities, prefectures, counties and districts name
their province, in both scripts, and names that could be anything else do not.

Examples are written for the tests (real place names, invented sentences and people).
"""

from __future__ import annotations

import pytest

from extract.lexicon.normalize import (
    english_city,
    first_region_named_in,
    province_of_city,
    region_code,
    regions_named_in,
)
from extract.lexicon.places import city_of_place, place_mentions, place_region, places
from schemas import RegionCode

R = RegionCode


def test_the_table_is_read_and_lists_prefecture_level_cities() -> None:
    table = places()
    assert len(table) > 3000  # every county and district, not only the cities
    huzhou = next(p for p in table if p.name_zh == "湖州市")
    assert (huzhou.short_zh, huzhou.pinyin, huzhou.prefecture_level, huzhou.region) == (
        "湖州",
        "huzhou",
        True,
        R.ZJ,
    )
    wenshan = next(p for p in table if p.name_zh == "文山壮族苗族自治州")
    assert wenshan.short_zh == "文山"  # an autonomous prefecture drops its peoples


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("湖州", R.ZJ),
        ("湖州市", R.ZJ),
        ("紹興市", R.ZJ),
        ("Huzhou", R.ZJ),
        ("Huzhou City", R.ZJ),
        ("Ningbo", R.ZJ),
        ("深圳", R.GD),
        ("深圳市", R.GD),
        ("Wenshan Prefecture", R.YN),
        ("静安区", R.SH),
        # Its pinyin is also a county's in Jiangxi (靖安县): the kind word decides.
        ("Jing'an District", R.SH),
        ("Jing’an District", R.SH),
        ("沙坪坝区", R.CQ),
        ("Shapingba", R.CQ),
        # Districts of this name lie in several provinces: no answer beats a wrong one.
        ("鼓楼区", None),
        ("Sydney", None),
        ("", None),
        (None, None),
    ],
)
def test_a_short_text_naming_one_place_gives_its_province(
    name: str | None, code: RegionCode | None
) -> None:
    assert place_region(name) == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("湖州市委书记王一鸣主持座谈会", [R.ZJ]),
        ("Mayor of the Shenzhen Municipal Government Zhou Ping", [R.GD]),
        ("leaders of Jing'an District and of Wenshan Prefecture", [R.SH, R.YN]),
        ("the talks were held in Ningbo on Monday", [R.ZJ]),
        # A given name that is also a city's name is not a place without a place word.
        ("Li Wenshan said the two sides agreed", []),
        ("城市群发展 上市公司", []),
        ("文山州领导出席", [R.YN]),
    ],
)
def test_running_text_names_places_only_with_a_place_word(
    text: str, codes: list[RegionCode]
) -> None:
    assert [code for _, code in place_mentions(text)] == codes


def test_regions_and_places_together_in_text_order() -> None:
    text = "安徽省安庆市委书记与湖州市委书记会谈"
    assert [code for _, code in regions_named_in(text)] == [R.AH, R.AH, R.ZJ]
    assert first_region_named_in("紹興市委書記") == R.ZJ  # traditional text, simplified first
    # Qinghai's 海南藏族自治州 starts with Hainan's name: the place counts, not the province.
    assert [code for _, code in regions_named_in("海南藏族自治州州长")] == [R.QH]
    assert [code for _, code in regions_named_in("held in Hainan Province")] == [R.HI]


def test_titles_and_cities_name_their_province_through_the_gazetteer() -> None:
    assert region_code("湖州市委副书记") == R.ZJ
    assert region_code("Mayor of the Shenzhen Municipal Government") == R.GD
    assert region_code("贵州省委书记") == R.GZ  # a province still comes first
    assert province_of_city("Ningbo") == R.ZJ
    assert province_of_city("Guiyang") == R.GZ  # capitals as before
    assert province_of_city("Springfield") is None


@pytest.mark.parametrize(
    ("place", "city"),
    [
        ("萧山区", "Hangzhou"),  # a district of a prefecture-level city
        ("Songjiang District", "Shanghai"),  # a district of a municipality (rule 33)
        ("江津", "Chongqing"),
        ("宜良县", "Kunming"),  # a county of a prefecture-level city (rule 55)
        ("湖州", None),  # a city is no district
        ("义乌市", None),  # a county-level city is a city of its own
    ],
)
def test_a_district_or_county_belongs_to_its_city(place: str, city: str | None) -> None:
    assert city_of_place(place) == city


def test_a_meeting_in_a_district_is_in_its_city() -> None:
    assert english_city("重庆江津") == "Chongqing"
    assert english_city("Songjiang District") == "Shanghai"
