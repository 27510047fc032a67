"""From the model's answers to contract records, checked against the article.

The article and the answers are written for the tests (the answers play the part of a model,
including its typical mistakes); none of it comes from the seed articles.
"""

from __future__ import annotations

import datetime as dt

from extract.answers import (
    AttendanceAnswer,
    MeetingAnswer,
    MeetingsAnswer,
    OfficialAnswer,
    OfficialsAnswer,
    ResolutionAnswer,
    ResolutionsAnswer,
)
from extract.grounding import ArticleText
from extract.officials import looks_like_person, official_records
from extract.records import host_from_quote, kind_from_name, meeting_records
from extract.resolutions import kind_from_quote, resolution_records, titles_in
from schemas import MeetingKind, Rank, RegionCode, ResolutionKind, Role

R = RegionCode
ARTICLE = """2031年示例区域合作联席会议在南昌举行
发布时间:2031-04-18 09:12

示例日报南昌4月18日电 17日,2031年泛珠三角区域合作行政首长联席会议在江西南昌举行。湖南省委副书记、省长周明远率团出席会议并发言。湖南省政府秘书长许文清参加。他表示,湖南将加强合作。
会议审议通过了《示例区域数据共享方案》和《示例区域交通合作计划》,听取了秘书处工作报告。会议商定,2032年联席会议由福建省承办。
(4月16日下午,湘赣两省在南昌举行工作会谈,周明远陈立华出席。)
会前,周明远还与江西省委副书记、省长陈立华座谈。
"""


def meeting(**changes: object) -> MeetingAnswer:
    values: dict[str, object] = {
        "quote": "17日,2031年泛珠三角区域合作行政首长联席会议在江西南昌举行。",
        "name": "2031年泛珠三角区域合作行政首长联席会议",
        "kind": "symposium",
        "start_date": "2030-01-01",  # a wrong guess that the quote's "17日" overrides
        "end_date": None,
        "city": "南昌",
        "province": "江西",
        "theme": None,
        "participants": ["湖南", "北京"],
    }
    values.update(changes)
    return MeetingAnswer.model_validate(values)


TALKS = meeting(
    quote="4月16日下午,湘赣两省在南昌举行工作会谈,周明远陈立华出席。",
    name="周明远",  # a model naming the talks after a person
    kind="talks",
    participants=["湘赣"],
)


def build_meetings() -> list:  # type: ignore[type-arg]
    answer = MeetingsAnswer(meetings=[meeting(), TALKS])
    return meeting_records(answer, ArticleText(ARTICLE))


def test_meetings_are_normalised_and_checked_against_the_text() -> None:
    main, talks = build_meetings()
    assert main.primary and not talks.primary
    assert main.kind is MeetingKind.JOINT_MEETING  # the name says 联席会议
    assert (main.start_date, main.end_date) == (dt.date(2031, 4, 17), dt.date(2031, 4, 17))
    assert (main.city, main.province) == ("Nanchang", R.JX)
    assert len(main.members) == 11  # 泛珠三角 in its name, not the model's participants
    assert talks.name == "湘赣两省在南昌举行工作会谈"
    assert talks.kind is MeetingKind.TALKS
    assert talks.start_date == dt.date(2031, 4, 16)
    assert talks.members == [R.HN, R.JX]
    for record in (main, talks):
        assert ARTICLE[record.evidence[0].start : record.evidence[0].end] == record.evidence[0].text


def test_an_ungrounded_meeting_is_dropped_or_kept_flagged() -> None:
    invented = meeting(quote="2031年另一个会议在北京举行。", name="另一个会议")
    found = meeting_records(MeetingsAnswer(meetings=[invented]), ArticleText(ARTICLE))
    assert "另一个会议" not in [m.name for m in found]
    kept = meeting_records(MeetingsAnswer(meetings=[invented]), ArticleText(ARTICLE), True)
    flagged = [m for m in kept if m.name == "另一个会议"]
    assert len(flagged) == 1 and not flagged[0].grounded and flagged[0].evidence == []


def test_a_side_meeting_the_model_missed_is_found_in_its_caption() -> None:
    (talks,) = meeting_records(MeetingsAnswer(meetings=[]), ArticleText(ARTICLE))
    assert (talks.name, talks.kind) == ("湘赣两省工作会谈", MeetingKind.TALKS)
    assert (talks.start_date, talks.city, talks.members) == (
        dt.date(2031, 4, 16),
        "Nanchang",
        [R.HN, R.JX],
    )
    assert talks.primary  # the only meeting found is the article's main one


def test_kind_from_name() -> None:
    assert kind_from_name("the 2031 Leaders Symposium", MeetingKind.OTHER) is MeetingKind.SYMPOSIUM
    assert kind_from_name("delegation plenary meeting", MeetingKind.OTHER) is MeetingKind.PLENARY
    assert kind_from_name("会见", MeetingKind.VISIT) is MeetingKind.VISIT


def official(
    name: str, titles: list[str], region: str | None, meetings: list[int]
) -> OfficialAnswer:
    return OfficialAnswer(
        quote=name,
        name=name,
        titles=titles,
        region=region,
        meetings=[AttendanceAnswer(meeting=m, roles=[Role.PRESIDED]) for m in meetings],
    )


def test_officials_get_regions_roles_and_links_from_the_text() -> None:
    meetings = build_meetings()
    answer = OfficialsAnswer(
        officials=[
            official("周明远", ["省委副书记", "省长"], "江西", [1, 2]),
            official("许文清", ["湖南省政府秘书长"], None, [1]),
            official("陈立华", ["省委副书记", "省长"], None, [1, 2]),
            official("湖南省", [], None, [1]),  # not a person
            official("张三", ["省长"], None, [1]),  # not in the article
        ]
    )
    zhou, xu, chen = official_records(answer, meetings, ArticleText(ARTICLE))
    # The words before the name name the region; the model's "江西" is not taken.
    assert zhou.region is R.HN and [p.rank for p in zhou.positions] == [
        Rank.DEPUTY_PARTY_SECRETARY,
        Rank.GOVERNMENT_HEAD,
    ]
    assert all(p.region is R.HN for p in zhou.positions)
    by_meeting = {a.meeting: a.roles for a in zhou.meetings}
    # 率团出席会议并发言: no "presided", whatever the model said.
    assert by_meeting == {
        "m1": [Role.ATTENDED, Role.SPOKE, Role.LED_DELEGATION],
        "m2": [Role.ATTENDED],
    }
    assert xu.region is R.HN and [a.meeting for a in xu.meetings] == ["m1"]
    # Only the side meeting's caption puts him in a meeting: he is not linked to the main one.
    assert chen.region is R.JX and [a.meeting for a in chen.meetings] == ["m2"]
    assert (chen.name_zh, chen.name_en) == ("陈立华", "Chen Lihua")


def test_person_names() -> None:
    assert looks_like_person("周明远") and looks_like_person("Zhou Mingyuan")
    for not_a_person in ("湖南省", "All parties", "the leaders", "Delegates", "zhou"):
        assert not looks_like_person(not_a_person)


def decision(quote: str, kind: str, title: str, **extra: object) -> ResolutionAnswer:
    values: dict[str, object] = {
        "quote": quote,
        "meeting": 1,
        "kind": kind,
        "title": title,
        "in_principle": False,
        "next_host": None,
        "next_year": None,
    }
    values.update(extra)
    return ResolutionAnswer.model_validate(values)


def test_resolutions_follow_the_quote() -> None:
    meetings = build_meetings()
    answer = ResolutionsAnswer(
        resolutions=[
            decision(
                "会议审议通过了《示例区域数据共享方案》和《示例区域交通合作计划》",
                "signed",
                "示例区域数据共享方案",
            ),
            decision("2032年联席会议由福建省承办", "agreed", "2032年联席会议", next_host="江西"),
            decision("听取了秘书处工作报告", "adopted", "秘书处工作报告"),
            decision("2031年另一项决定", "agreed", "不在文中"),
        ]
    )
    plan, traffic, nxt = resolution_records(answer, meetings, ArticleText(ARTICLE))
    assert (plan.kind, plan.title) == (ResolutionKind.ADOPTED, "示例区域数据共享方案")
    assert (traffic.kind, traffic.title) == (ResolutionKind.ADOPTED, "示例区域交通合作计划")
    assert nxt.kind is ResolutionKind.NEXT_MEETING
    assert (nxt.next_host, nxt.next_year) == (R.FJ, 2032)
    assert [r.id for r in (plan, traffic, nxt)] == ["r1", "r2", "r3"]


def test_resolution_kinds_and_titles_in_english() -> None:
    quote = 'The meeting adopted in principle the "Joint Plan for Clean Rivers" with the theme "Go"'
    assert kind_from_quote(quote, ResolutionKind.AGREED) is ResolutionKind.ADOPTED
    assert titles_in(quote) == ["Joint Plan for Clean Rivers"]
    assert kind_from_quote("The 2032 forum will be held in Hunan", ResolutionKind.AGREED) is (
        ResolutionKind.NEXT_MEETING
    )
    assert kind_from_quote("The report was presented", ResolutionKind.ADOPTED) is None


def test_host_only_when_the_quote_says_who_hosted_or_held_it() -> None:
    assert host_from_quote("2032年联席会议由福建省承办") is R.FJ
    assert (
        host_from_quote("The Hunan Provincial Delegation held a plenary meeting in Beijing") is R.HN
    )
    assert host_from_quote("湖南代表团在北京召开全体会议") is R.HN
    # A venue is not a host, and two regions holding talks together are not one host.
    assert host_from_quote("The forum was held in Changsha, Hunan on May 1.") is None
    assert host_from_quote("湘赣两省在南昌举行工作会谈") is None


def test_titled_names_are_read_off_the_text_in_both_languages() -> None:
    from extract.grounding import split_sentences
    from extract.titled_names import titled_names

    chinese = "会前,李明还与福建省委副书记、省长王海东座谈。省政府秘书长赵一参加。"
    english = (
        "Liu Yang, Secretary of the Hubei Provincial Party Committee, and Sun Li, Deputy "
        "Secretary of the Hubei Provincial Party Committee and Governor, attended the meeting. "
        "Delegates such as Ma Jun and Zhou Xin responded."
    )
    found = {t.name: t.titles for t in titled_names(split_sentences(chinese + english))}
    assert found == {
        "王海东": ("福建省委副书记", "省长"),
        "赵一": ("省政府秘书长",),
        "Liu Yang": ("Secretary of the Hubei Provincial Party Committee",),
        "Sun Li": ("Deputy Secretary of the Hubei Provincial Party Committee", "Governor"),
        "Ma Jun": ("Delegates",),
        "Zhou Xin": ("Delegates",),
    }


def test_a_person_the_model_missed_is_added_and_members_of_a_delegation_share_its_region() -> None:
    meetings = build_meetings()
    answer = OfficialsAnswer(officials=[official("周明远", ["省长"], None, [1])])
    records = official_records(answer, meetings, ArticleText(ARTICLE))
    by_name = {o.name: o for o in records}
    assert set(by_name) == {"周明远", "许文清", "陈立华"}
    assert [p.title for p in by_name["周明远"].positions] == ["湖南省委副书记", "省长"]


def test_a_planned_meeting_and_an_invented_theme_are_not_taken() -> None:
    planned = meeting(
        quote="会议商定,2032年联席会议由福建省承办。", name="2032年联席会议", theme="加强合作"
    )
    found = meeting_records(
        MeetingsAnswer(meetings=[meeting(theme="加强合作"), planned]), ArticleText(ARTICLE)
    )
    assert "2032年联席会议" not in [m.name for m in found]
    assert found[0].theme is None  # "加强合作" is in the text, but not as the meeting's theme


def test_joint_titles_are_split_only_into_documents() -> None:
    from extract.resolutions import split_joint_titles

    assert split_joint_titles("Work Plan for Rivers in 2031 and the Action List for Roads") == [
        "Work Plan for Rivers in 2031",
        "Action List for Roads",
    ]
    assert split_joint_titles("Plan for Science and Technology") == [
        "Plan for Science and Technology"
    ]
