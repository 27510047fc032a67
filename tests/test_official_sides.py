"""An official whose title names no place is read by the side the text puts them on (invented
articles and people; the provinces are real, since regions are what is read)."""

from __future__ import annotations

from extract.asking.answers import MeetingAnswer, MeetingsAnswer, OfficialAnswer, OfficialsAnswer
from extract.reading.text import ArticleText
from extract.records.meetings import meeting_records
from extract.records.officials import official_records
from schemas import RegionCode

R = RegionCode


def _regions(text: str, meetings: list[dict[str, object]], names: list[str]) -> dict[str, object]:
    article = ArticleText(text)
    found = meeting_records(
        MeetingsAnswer(meetings=[MeetingAnswer.model_validate(m) for m in meetings]), article
    )
    answers = [OfficialAnswer(name=name, titles=[], region=None, meetings=[2]) for name in names]
    records = official_records(
        OfficialsAnswer(officials=answers), found.meetings, article, found.record_of_answer
    )
    return {o.name: o.region for o in records}


def _meeting(
    quote: str, name: str, kind: str, province: str, parties: list[str]
) -> dict[str, object]:
    return {
        "quote": quote, "name": name, "kind": kind, "start_date": None, "end_date": None,
        "city": None, "province": province, "theme": None, "participants": parties,
    }  # fmt: skip


SYMPOSIUM = _meeting(
    "13日上午,两省在福州召开经济社会发展交流座谈会。",
    "经济社会发展交流座谈会",
    "symposium",
    "福建",
    ["甘肃", "福建"],
)


def test_bare_titles_are_the_side_whose_titles_are_never_written_with_their_place() -> None:
    text = (
        "甘肃省党政代表团赴福建学习考察\n\n甘肃省党政代表团12日至13日在福建学习考察。"
        "13日上午,两省在福州召开经济社会发展交流座谈会。福建省委书记周远山主持座谈会并讲话,"
        "省委书记、省人大常委会主任马立川,省委副书记、省长韩青禾出席座谈会并讲话。"
        "福建省委副书记、省长许文墨参加。"
    )
    visit = _meeting(
        "甘肃省党政代表团12日至13日在福建学习考察。", "甘肃省党政代表团赴福建学习考察", "visit",
        "福建", ["甘肃", "福建"],
    )  # fmt: skip
    regions = _regions(text, [visit, SYMPOSIUM], ["周远山", "马立川", "韩青禾", "许文墨"])
    # Not the venue's, nor the region of the host official named just before them.
    assert regions == {"周远山": R.FJ, "马立川": R.GS, "韩青禾": R.GS, "许文墨": R.FJ}


def test_a_reporting_side_the_article_never_names_is_no_region() -> None:
    text = (
        "我省党政代表团赴福建学习考察\n\n12日至13日,我省党政代表团在福建学习考察。"
        "13日上午,两省在福州召开经济社会发展交流座谈会。福建省委书记周远山主持座谈会并讲话,"
        "省委书记、省人大常委会主任马立川出席座谈会并讲话。"
    )
    visit = _meeting(
        "12日至13日,我省党政代表团在福建学习考察。", "我省党政代表团赴福建学习考察", "visit",
        "福建", ["我省", "福建"],
    )  # fmt: skip
    symposium = dict(SYMPOSIUM, participants=["我省", "福建"])
    regions = _regions(text, [visit, symposium], ["周远山", "马立川"])
    assert regions == {"周远山": R.FJ, "马立川": None}


def test_the_next_item_of_a_list_keeps_the_region_of_the_one_before() -> None:
    text = (
        "贵州省党政代表团赴四川学习考察\n\n贵州省党政代表团12日至13日在四川学习考察。"
        "13日上午,两省在成都召开座谈会。贵州省委书记甲一山,省委副书记、省长丁二水出席。"
        "四川省委书记庚三木主持座谈会。"
    )
    visit = _meeting(
        "贵州省党政代表团12日至13日在四川学习考察。", "贵州省党政代表团赴四川学习考察", "visit",
        "四川", ["贵州", "四川"],
    )  # fmt: skip
    symposium = _meeting(
        "13日上午,两省在成都召开座谈会。", "座谈会", "symposium", "四川", ["贵州", "四川"]
    )
    regions = _regions(text, [visit, symposium], ["甲一山", "丁二水", "庚三木"])
    assert regions == {"甲一山": R.GZ, "丁二水": R.GZ, "庚三木": R.SC}


def test_a_list_led_by_a_national_office_is_the_national_body_s_people() -> None:
    text = (
        "示例政协主席联席会议在河北举行\n\n13日,示例政协主席联席会议在石家庄举行。"
        "全国政协经济委员会副主任甲一山、驻会副主任丁二水、河北省副省长庚三木出席会议。"
    )
    joint = _meeting(
        "13日,示例政协主席联席会议在石家庄举行。", "示例政协主席联席会议", "joint_meeting", "河北",
        ["北京", "天津", "河北"],
    )  # fmt: skip
    article = ArticleText(text)
    found = meeting_records(MeetingsAnswer(meetings=[MeetingAnswer.model_validate(joint)]), article)
    answers = [
        OfficialAnswer(
            name="甲一山", titles=["全国政协经济委员会副主任"], region=None, meetings=[1]
        ),
        OfficialAnswer(name="丁二水", titles=["驻会副主任"], region=None, meetings=[1]),
        OfficialAnswer(name="庚三木", titles=["河北省副省长"], region=None, meetings=[1]),
    ]
    records = official_records(
        OfficialsAnswer(officials=answers), found.meetings, article, found.record_of_answer
    )
    by_name = {o.name: o for o in records}
    # The whole title, though 经 alone can open a clause ("经…批准"): 经济 is one word.
    assert [p.title for p in by_name["甲一山"].positions] == ["全国政协经济委员会副主任"]
    assert by_name["甲一山"].region is None and by_name["丁二水"].region is None
    assert by_name["庚三木"].region == R.HE  # a title naming its place keeps it


def test_a_bare_title_takes_the_side_of_the_name_just_before_it_in_its_sentence() -> None:
    """The delegation's leader is named first in the headline; its second leader is listed
    after them in a sentence that names the host first: the list, not the article's order,
    gives the side."""
    text = (
        "周远山率团赴沪学习对接\n"
        "上海市委书记马立川昨天上午会见了由浙江省湖州市委书记周远山,市委副书记、市长韩青禾"
        "率领的湖州市党政代表团一行。"
    )
    visit = _meeting(
        "周远山率团赴沪学习对接", "周远山率团赴沪学习对接", "visit", "上海", ["浙江", "上海"]
    )
    talks = _meeting(
        "上海市委书记马立川昨天上午会见了由浙江省湖州市委书记周远山,市委副书记、市长韩青禾"
        "率领的湖州市党政代表团一行。", "马立川会见湖州市党政代表团", "talks", "上海",
        ["浙江", "上海"],
    )  # fmt: skip
    article = ArticleText(text)
    found = meeting_records(
        MeetingsAnswer(meetings=[MeetingAnswer.model_validate(m) for m in (visit, talks)]),
        article,
    )
    # The model mixed the two leaders' titles and wrote a day word into a name.
    answers = [
        OfficialAnswer(name="马立川昨", titles=["上海市委书记"], region=None, meetings=[2]),
        OfficialAnswer(
            name="周远山", titles=["浙江省湖州市委书记", "市委副书记", "市长"], region=None,
            meetings=[1, 2],
        ),
    ]  # fmt: skip
    records = official_records(
        OfficialsAnswer(officials=answers), found.meetings, article, found.record_of_answer
    )
    by_name = {o.name: o for o in records}
    assert sorted(by_name) == ["周远山", "韩青禾", "马立川"]  # each once, read off the text too
    assert [p.title for p in by_name["周远山"].positions] == ["浙江省湖州市委书记"]
    assert by_name["韩青禾"].region is R.ZJ and by_name["马立川"].region is R.SH


def test_the_people_leading_a_delegation_named_with_its_region_are_that_region_s() -> None:
    from extract.reading.text import split_sentences
    from extract.records.officials import region_of_delegation_led

    english = split_sentences(
        "The Hunan Delegation headed by Zhou Ming, Secretary of the Hunan Provincial Party "
        "Committee, and Governor Li Hua, visited Jiangxi and met Governor Wang Fang."
    )
    assert region_of_delegation_led("Li Hua", english) is R.HN
    assert region_of_delegation_led("Wang Fang", english) is None  # met by the delegation: the host
    chinese = split_sentences(
        "江西省委书记王芳会见了由湖南省委书记周明,省长李华率领的湖南省党政代表团。"
    )
    assert region_of_delegation_led("李华", chinese) is R.HN
    assert region_of_delegation_led("王芳", chinese) is None
