"""From the model's answers to contract records, checked against the article.

The article and the answers are written for the tests (the answers play the part of a model,
including its typical mistakes); none of it comes from the seed articles.
"""

from __future__ import annotations

import datetime as dt

from extract.asking.answers import (
    MeetingAnswer,
    MeetingsAnswer,
    OfficialAnswer,
    OfficialsAnswer,
    ResolutionAnswer,
    ResolutionsAnswer,
)
from extract.reading.text import ArticleText, Sentence
from extract.records.meetings import (
    FoundMeetings,
    host_from_quote,
    kind_from_name,
    meeting_records,
    opens_with_a_person,
)
from extract.records.officials import is_person_name, official_records
from extract.records.resolutions import kind_from_quote, resolution_records, titles_in
from schemas import MeetingKind, Rank, RegionCode, Resolution, ResolutionKind, Role

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


def build_meetings(article: str = ARTICLE) -> FoundMeetings:
    answer = MeetingsAnswer(meetings=[meeting(), TALKS])
    return meeting_records(answer, ArticleText(article))


def test_meetings_are_normalised_and_checked_against_the_text() -> None:
    main, talks = build_meetings().meetings
    assert main.primary and not talks.primary
    assert main.kind is MeetingKind.JOINT_MEETING  # the name says 联席会议
    assert (main.start_date, main.end_date) == (dt.date(2031, 4, 17), dt.date(2031, 4, 17))
    assert (main.city, main.province) == ("Nanchang", R.JX)
    assert len(main.members) == 11  # 泛珠三角 in its name, not the model's participants
    assert talks.name == "湘赣两省工作会谈"  # the held stretch "在南昌举行" is no part of it
    assert talks.kind is MeetingKind.TALKS
    assert talks.start_date == dt.date(2031, 4, 16)
    assert talks.members == [R.HN, R.JX]
    for record in (main, talks):
        assert ARTICLE[record.evidence[0].start : record.evidence[0].end] == record.evidence[0].text


def test_an_ungrounded_meeting_is_dropped_or_kept_flagged() -> None:
    invented = meeting(quote="2031年另一个会议在北京举行。", name="另一个会议")
    found = meeting_records(MeetingsAnswer(meetings=[invented]), ArticleText(ARTICLE))
    assert "另一个会议" not in [m.name for m in found.meetings]
    assert 1 not in found.record_of_answer  # the later questions' links to it are dropped
    kept = meeting_records(MeetingsAnswer(meetings=[invented]), ArticleText(ARTICLE), True)
    flagged = [m for m in kept.meetings if m.name == "另一个会议"]
    assert len(flagged) == 1 and not flagged[0].grounded and flagged[0].evidence == []


def test_meetings_the_model_missed_are_found_in_the_sentences_that_name_and_place_them() -> None:
    joint, talks = meeting_records(MeetingsAnswer(meetings=[]), ArticleText(ARTICLE)).meetings
    assert (joint.name, joint.kind, joint.city) == (
        "2031年泛珠三角区域合作行政首长联席会议",
        MeetingKind.JOINT_MEETING,
        "Nanchang",
    )
    assert joint.primary and joint.start_date == dt.date(2031, 4, 17)
    # The caption's side talks.
    assert (talks.name, talks.kind) == ("湘赣两省工作会谈", MeetingKind.TALKS)
    assert (talks.start_date, talks.city, talks.members) == (
        dt.date(2031, 4, 16),
        "Nanchang",
        [R.HN, R.JX],
    )


def test_kind_from_name() -> None:
    assert kind_from_name("the 2031 Leaders Symposium", MeetingKind.OTHER) is MeetingKind.SYMPOSIUM
    assert kind_from_name("delegation plenary meeting", MeetingKind.OTHER) is MeetingKind.PLENARY
    assert kind_from_name("会见", MeetingKind.VISIT) is MeetingKind.TALKS
    assert kind_from_name("Plenary of the X Co-operation Joint Conference", MeetingKind.OTHER) is (
        MeetingKind.JOINT_MEETING
    )
    # Rules read the simplified view: a traditional answer is folded before it gets here.
    assert kind_from_name("粤港合作联席会议", MeetingKind.OTHER) is MeetingKind.JOINT_MEETING
    assert kind_from_name("exchange meeting", MeetingKind.TALKS) is MeetingKind.OTHER
    assert kind_from_name("Example Forum and Trade Fair", MeetingKind.JOINT_MEETING) is (
        MeetingKind.OTHER
    )
    assert kind_from_name("a press conference", MeetingKind.OTHER) is MeetingKind.OTHER


def official(
    name: str, titles: list[str], region: str | None, meetings: list[int]
) -> OfficialAnswer:
    return OfficialAnswer(name=name, titles=titles, region=region, meetings=meetings)


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
    zhou, xu, chen = official_records(
        answer, meetings.meetings, ArticleText(ARTICLE), meetings.record_of_answer
    )
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
    # Evidence: the clause of the first sentence naming the person, titles included.
    assert [e.text for e in zhou.evidence] == ["湖南省委副书记、省长周明远率团出席会议并发言"]
    assert [e.text for e in xu.evidence] == ["湖南省政府秘书长许文清参加"]
    for record in (zhou, xu, chen):
        assert ARTICLE[record.evidence[0].start : record.evidence[0].end] == record.evidence[0].text


def test_an_official_s_evidence_ends_where_the_next_person_s_part_begins() -> None:
    text = (
        "Example Joint Conference held\nPublished: 2031-05-02\n\n"
        "On Thursday, the Example Joint Conference was held in Nanchang. Zhou Mingyuan, Governor "
        "of Hunan, presided over the conference, and Chen Lihua, Governor of Jiangxi, spoke.\n"
        "出席会议的有江西省副省长王立和湖南省副省长李和\n"
    )
    found = meeting_records(
        MeetingsAnswer(meetings=[meeting(quote="the Example Joint Conference was held in Nanchang",
                                         name="Example Joint Conference", participants=[])]),
        ArticleText(text),
    )  # fmt: skip
    people = [official(n, [], None, [1]) for n in ("Zhou Mingyuan", "Chen Lihua", "王立", "李和")]
    records = official_records(
        OfficialsAnswer(officials=people), found.meetings, ArticleText(text), found.record_of_answer
    )
    assert {o.name: o.evidence[0].text for o in records} == {
        "Zhou Mingyuan": "Zhou Mingyuan, Governor of Hunan, presided over the conference",
        "Chen Lihua": "Chen Lihua, Governor of Jiangxi, spoke",
        # Two people sharing a verb share the clause; at its end 和 is the end of a name.
        "王立": "出席会议的有江西省副省长王立和湖南省副省长李和",
        "李和": "出席会议的有江西省副省长王立和湖南省副省长李和",
    }


def test_person_names() -> None:
    for person in (
        "周明远",
        "Zhou Mingyuan",
        "歐陽明",
        "Mary Lam",
        "John Lee Ka-ming",
        "Mr Li Ming",
    ):
        assert is_person_name(person), person
    for not_a_person in (
        "湖南省", "All parties", "the leaders", "Delegates", "zhou", "企业家代表", "为团长",
        "示例大学", "Example University", "省领导", "两省领导", "安庆市", "记者", "Reporters",
    ):  # fmt: skip
        assert not is_person_name(not_a_person), not_a_person


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


def decisions_of_one_meeting(text: str, *answers: ResolutionAnswer) -> list[Resolution]:
    """The resolutions the rules keep of `answers`, in an article whose one meeting is the
    2031 joint meeting its first sentence reports."""
    article = ArticleText(text)
    (record,) = meeting_records(
        MeetingsAnswer(meetings=[meeting(quote="17日,2031年示例区域合作联席会议在南昌举行。")]),
        article,
    ).meetings
    return resolution_records(
        ResolutionsAnswer(resolutions=list(answers)), [record], article, {1: record.id}
    )


def decisions_in(
    found: FoundMeetings, article: ArticleText, *answers: ResolutionAnswer
) -> list[Resolution]:
    """The resolutions the rules keep of `answers`, and read off the text, for these meetings."""
    return resolution_records(
        ResolutionsAnswer(resolutions=list(answers)),
        found.meetings,
        article,
        found.record_of_answer,
    )


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
    plan, traffic, nxt = resolution_records(
        answer, meetings.meetings, ArticleText(ARTICLE), meetings.record_of_answer
    )
    assert (plan.kind, plan.title) == (ResolutionKind.ADOPTED, "示例区域数据共享方案")
    assert (traffic.kind, traffic.title) == (ResolutionKind.ADOPTED, "示例区域交通合作计划")
    assert nxt.kind is ResolutionKind.NEXT_MEETING
    assert (nxt.next_host, nxt.next_year) == (R.FJ, 2032)
    assert [r.id for r in (plan, traffic, nxt)] == ["r1", "r2", "r3"]


def test_resolution_kinds_and_titles_in_english() -> None:
    quote = 'The meeting adopted in principle the "Joint Plan for Clean Rivers" with the theme "Go"'
    assert kind_from_quote(Sentence.alone(quote), ResolutionKind.AGREED) is ResolutionKind.ADOPTED
    assert titles_in(Sentence.alone(quote)) == ["Joint Plan for Clean Rivers"]
    assert kind_from_quote(
        Sentence.alone("The 2032 forum will be held in Hunan"), ResolutionKind.AGREED
    ) is (ResolutionKind.NEXT_MEETING)
    assert (
        kind_from_quote(Sentence.alone("The report was presented"), ResolutionKind.ADOPTED) is None
    )


def test_host_only_when_the_quote_says_who_hosted_or_held_it() -> None:
    assert host_from_quote("2032年联席会议由福建省承办") is R.FJ
    assert (
        host_from_quote("The Hunan Provincial Delegation held a plenary meeting in Beijing") is R.HN
    )
    assert host_from_quote("湖南代表团在北京召开全体会议") is R.HN
    # A venue is not a host, and two regions holding talks together are not one host.
    assert host_from_quote("The forum was held in Changsha, Hunan on May 1.") is None
    assert host_from_quote("湘赣两省在南昌举行工作会谈") is None
    # A meeting said to be held somewhere is held by no one the quote names.
    assert host_from_quote("8月12日,湖南—江西协作工作会议在长沙市召开") is None
    # Held with a partner: the one region named is the partner, not the host.
    assert host_from_quote("行政长官表示,今日将与湖南省省长在长沙举行联席会议") is None
    assert host_from_quote("湖南代表团共同在北京召开全体会议") is R.HN


def test_titled_names_are_read_off_the_text_in_both_languages() -> None:
    from extract.reading.text import split_sentences
    from extract.records.titled_names import titled_names

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
    records = official_records(
        answer, meetings.meetings, ArticleText(ARTICLE), meetings.record_of_answer
    )
    by_name = {o.name: o for o in records}
    assert set(by_name) == {"周明远", "许文清", "陈立华"}
    assert [p.title for p in by_name["周明远"].positions] == ["湖南省委副书记", "省长"]


def test_a_planned_meeting_and_an_invented_theme_are_not_taken() -> None:
    planned = meeting(
        quote="会议商定,2032年联席会议由福建省承办。", name="2032年联席会议", theme="加强合作"
    )
    found = meeting_records(
        MeetingsAnswer(meetings=[meeting(theme="加强合作"), planned]), ArticleText(ARTICLE)
    ).meetings
    assert "2032年联席会议" not in [m.name for m in found]
    assert found[0].theme is None  # "加强合作" is in the text, but not as the meeting's theme


def test_joint_titles_are_split_only_into_documents() -> None:
    from extract.records.resolutions import split_joint_titles

    assert split_joint_titles(
        Sentence.alone("Work Plan for Rivers in 2031 and the Action List for Roads")
    ) == [
        "Work Plan for Rivers in 2031",
        "Action List for Roads",
    ]
    assert split_joint_titles(Sentence.alone("Plan for Science and Technology")) == [
        "Plan for Science and Technology"
    ]


def test_a_traditional_article_gets_the_same_records_as_its_simplified_form() -> None:
    from opencc import OpenCC

    to_traditional = OpenCC("s2t").convert
    article = to_traditional(ARTICLE)
    simplified = build_meetings()
    traditional = meeting_records(
        MeetingsAnswer.model_validate_json(to_traditional(
            MeetingsAnswer(meetings=[meeting(), TALKS]).model_dump_json()
        )),
        ArticleText(article),
    )  # fmt: skip
    for s, t in zip(simplified.meetings, traditional.meetings, strict=True):
        assert t.name == to_traditional(s.name)  # as written
        assert (t.kind, t.start_date, t.city, t.province, t.members) == (
            s.kind, s.start_date, s.city, s.province, s.members,
        )  # fmt: skip
        assert article[t.evidence[0].start : t.evidence[0].end] == t.evidence[0].text
    answer = OfficialsAnswer(officials=[official("周明远", ["省委副书记", "省长"], None, [1, 2])])
    (zhou,) = [
        o
        for o in official_records(
            OfficialsAnswer.model_validate_json(to_traditional(answer.model_dump_json())),
            traditional.meetings,
            ArticleText(article),
            traditional.record_of_answer,
        )
        if o.name_zh == "周明远"
    ]
    assert zhou.name == "周明遠" and zhou.name_en == "Zhou Mingyuan" and zhou.region is R.HN
    assert [p.rank for p in zhou.positions] == [Rank.DEPUTY_PARTY_SECRETARY, Rank.GOVERNMENT_HEAD]


NO_YEAR = """Fifteenth Example Co-operation Joint Conference held in Nanchang

The Fifteenth Example Co-operation Joint Conference was held in Nanchang today (September 14).
The two sides adopted the 2032 Work Plan. Li Ming, Governor of Jiangxi Province, attended.
"""


def test_no_year_is_invented_without_one_in_the_text() -> None:
    answer = meeting(
        quote="The Fifteenth Example Co-operation Joint Conference was held in Nanchang today "
        "(September 14).",
        name="Fifteenth Example Co-operation Joint Conference",
        start_date="2032-09-14",  # the year of a document's title is not the meeting's
        end_date="2032-09-14",
        city="Nanchang",
        province=None,
        participants=[],
    )
    (found,) = meeting_records(MeetingsAnswer(meetings=[answer]), ArticleText(NO_YEAR)).meetings
    assert (found.start_date, found.end_date) == (None, None)
    assert found.kind is MeetingKind.JOINT_MEETING and found.city == "Nanchang"
    dated = ArticleText("date 2031-09-15 " + NO_YEAR)
    (found,) = meeting_records(MeetingsAnswer(meetings=[answer]), dated).meetings
    assert found.start_date == dt.date(2031, 9, 14)  # "today (September 14)", from the page date


def test_a_year_the_article_calls_this_year_supports_the_model_s_date() -> None:
    from extract.lexicon.dates import stated_current_year

    assert stated_current_year("今(2031)年5月,示例省长出席峰会。") == 2031
    assert stated_current_year("今年(2031年)以来") == 2031
    assert stated_current_year("This year (2031) the two cities agreed") == 2031
    assert stated_current_year("并筹划明(2032)年的合作重点") == 2031
    assert stated_current_year("2031年以来,今年的合作") is None
    text = "示例区域主要领导座谈会召开\n\n12月2日,示例区域主要领导座谈会在上海召开。今(2031)年以来,合作加快。"
    answer = meeting(
        quote="12月2日,示例区域主要领导座谈会在上海召开。", name="示例区域主要领导座谈会",
        start_date="2031-12-02", end_date="2031-12-02", city="上海", province="上海",
    )  # fmt: skip
    (found,) = meeting_records(MeetingsAnswer(meetings=[answer]), ArticleText(text)).meetings
    assert found.start_date == dt.date(2031, 12, 2)
    guessed = answer.model_copy(update={"start_date": "2030-12-02", "end_date": "2030-12-02"})
    (found,) = meeting_records(MeetingsAnswer(meetings=[guessed]), ArticleText(text)).meetings
    assert found.start_date is None  # a year the article never gives is still a guess


def test_names_and_titles_end_where_the_article_s_end() -> None:
    from extract.records.meetings import end_of_name

    assert end_of_name("2031年示例党政联席会在某区示例国际会议中心举行") == "2031年示例党政联席会"
    assert end_of_name("Fifteenth Plenary of the Example Joint Conference held in Guangzhou") == (
        "Fifteenth Plenary of the Example Joint Conference"
    )
    assert end_of_name("湘赣两省工作会谈") == "湘赣两省工作会谈"
    assert end_of_name("在南昌举行") == "在南昌举行"  # nothing before the cut names a meeting


def test_a_document_only_considered_or_a_report_heard_is_not_a_decision() -> None:
    assert kind_from_quote(Sentence.alone("会议审议了政府工作报告"), ResolutionKind.ADOPTED) is None
    assert kind_from_quote(Sentence.alone("會議審議了政府工作報告"), ResolutionKind.ADOPTED) is None
    assert kind_from_quote(
        Sentence.alone("会议审议通过了2031年工作报告"), ResolutionKind.NEXT_MEETING
    ) is (
        ResolutionKind.ADOPTED
    )  # an adopted work report, even with a year and a model saying "next meeting"
    assert (
        kind_from_quote(Sentence.alone("会议通过视频连线方式举行"), ResolutionKind.ADOPTED) is None
    )
    assert (
        kind_from_quote(
            Sentence.alone("The delegates deliberated on the work report"), ResolutionKind.ADOPTED
        )
        is None
    )


def test_national_officials_have_no_region_and_group_words_are_not_people() -> None:
    article = ArticleText(
        "17日,2031年泛珠三角区域合作行政首长联席会议在江西南昌举行。国家发展改革委副主任高明出席会议。"
        "江西省领导王甲、李乙、张丙参加。企业家代表参加会议。"
    )
    found = meeting_records(MeetingsAnswer(meetings=[meeting()]), article)
    answer = OfficialsAnswer(
        officials=[
            official("高明", ["国家发展改革委副主任"], "江西", [1]),
            official("企业家代表", [], None, [1]),
            official("为团长", [], None, [1]),
        ]
    )
    by_name = {
        o.name: o for o in official_records(answer, found.meetings, article, found.record_of_answer)
    }
    assert set(by_name) == {"高明", "王甲", "李乙", "张丙"}
    assert by_name["高明"].region is None and by_name["高明"].positions[0].region is None
    assert by_name["李乙"].region is R.JX
    assert [p.title for p in by_name["李乙"].positions] == ["江西省领导"]


def test_english_titles_written_next_to_names_are_read_off_the_text() -> None:
    from extract.reading.text import split_sentences
    from extract.records.titled_names import titled_names

    text = (
        "The Example Special Administrative Region (ESAR) delegation was led by the Chief "
        "Executive, Mr C Y Lam, and the Jiangxi delegation was led by the Governor of Jiangxi "
        "Province, Mr Zhou Ming. She also met Fujian Governor Tang Wen. Li Hua, Party Chief of "
        "CPC Anhui Provincial Committee, accompanied them."
    )
    found = {t.name: t.titles for t in titled_names(split_sentences(text))}
    assert found == {
        "C Y Lam": ("Chief Executive",),
        "Zhou Ming": ("Governor of Jiangxi Province",),
        "Tang Wen": ("Fujian Governor",),
        "Li Hua": ("Party Chief of CPC Anhui Provincial Committee",),
    }


def test_english_group_titles_and_offices_joined_by_and_are_read_whole() -> None:
    from extract.reading.text import split_sentences
    from extract.records.titled_names import titled_names

    text = (
        "Northland Prefecture leaders Ma Lin, Lu Ke and Qian Yu, and Eastbay District leaders "
        "Wu Tao and Sun Li attended the conference. Gao Feng, Secretary of the Eastbay "
        "Cooperation and Exchange Work Committee, and He Ping, Vice Chairman of the Eastbay "
        "Federation of Industry and Commerce, attended the forum."
    )
    found = {t.name: t.titles for t in titled_names(split_sentences(text))}
    assert found == {
        "Ma Lin": ("Northland Prefecture leaders",),
        "Lu Ke": ("Northland Prefecture leaders",),
        "Qian Yu": ("Northland Prefecture leaders",),
        "Wu Tao": ("Eastbay District leaders",),
        "Sun Li": ("Eastbay District leaders",),
        "Gao Feng": ("Secretary of the Eastbay Cooperation and Exchange Work Committee",),
        "He Ping": ("Vice Chairman of the Eastbay Federation of Industry and Commerce",),
    }


def test_roles_come_from_each_person_s_own_part_of_a_sentence() -> None:
    from extract.reading.text import split_sentences
    from extract.records.officials import person_stretches, roles_in

    names = ["Chen Ming", "Li Hua", "Wang Fang", "Mr Zhou Ming"]

    def roles(name: str, text: str) -> set[Role]:
        others = [n for n in names if n != name]
        return roles_in(person_stretches(name, split_sentences(text), others))

    both = "Chen Ming presided over the meeting and Li Hua spoke."
    assert roles("Chen Ming", both) == {Role.PRESIDED}
    assert roles("Li Hua", both) == {Role.SPOKE}
    listed = "Chen Ming, Li Hua and Wang Fang attended the meeting."
    assert all(roles(n, listed) == {Role.ATTENDED} for n in ("Chen Ming", "Li Hua"))
    passive = "The delegation was led by the Governor of Jiangxi Province, Mr Zhou Ming."
    assert Role.LED_DELEGATION in roles("Mr Zhou Ming", passive)
    chinese = "上海市副市长王甲,南京市副市长李乙,市领导张丙等出席会议。"
    assert roles("王甲", chinese) == {Role.ATTENDED}
    # A passive names its whole list: both co-chairs presided.
    chaired = "It was co-chaired by Governor Chen Ming and Northport Mayor Li Hua."
    assert roles("Li Hua", chaired) == roles("Chen Ming", chaired) == {Role.PRESIDED}
    # The speech verb before the speaker, and the honorific and surname after the first mention.
    assert roles("Li Hua", '"We will build the corridor," said Li Hua, Director of X.') == {
        Role.SPOKE
    }
    assert roles("Wang Fang", "Wang Fang attended. Li Hua then presided.") == {Role.ATTENDED}


def test_an_english_article_names_a_person_again_by_honorific_and_surname() -> None:
    from extract.records.officials import surname_references

    assert "Mrs Chen" in surname_references("Chen Ming", ["Li Hua"])
    assert "Mr Hua" in surname_references("Li Hua", ["Chen Ming"])
    # A word two people share names neither of them.
    assert not any("Chen" in r for r in surname_references("Chen Ming", ["Chen Li"]))
    assert surname_references("陈明", []) == []
    article = ArticleText(
        "date 2031-05-20\nThe Fifth Joint Conference was held in Northport on Monday. It was "
        "chaired by Governor Chen Ming.\nMr Chen said the two sides would deepen co-operation."
    )
    conference = meeting(
        quote="The Fifth Joint Conference was held in Northport on Monday.",
        name="Fifth Joint Conference", kind="joint_meeting", city=None, province=None,
        participants=[],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[conference]), article)
    answer = OfficialsAnswer(officials=[official("Chen Ming", ["Governor"], None, [1])])
    (record,) = official_records(answer, found.meetings, article, found.record_of_answer)
    assert set(record.meetings[0].roles) == {Role.ATTENDED, Role.PRESIDED, Role.SPOKE}


def test_documents_the_text_says_were_signed_complete_the_model_s_answer() -> None:
    found = build_meetings()
    article = ArticleText(ARTICLE.replace("会议审议通过了", "各方共同签署"))
    records = decisions_in(found, article)
    assert [(r.kind, r.title) for r in records] == [
        (ResolutionKind.SIGNED, "示例区域数据共享方案"),
        (ResolutionKind.SIGNED, "示例区域交通合作计划"),
    ]
    assert all(r.meeting == "m1" for r in records)


def test_a_meeting_name_takes_the_year_the_article_writes_after_it() -> None:
    from extract.records.meetings import with_year_after

    article = ArticleText(
        "Example Co-operation Meeting (with photos)\n\nThe Example Co-operation Meeting 2031 was held."
    )
    assert with_year_after("Example Co-operation Meeting", article) == (
        "Example Co-operation Meeting 2031"
    )
    assert with_year_after("Other Meeting", article) == "Other Meeting"


def test_latin_region_names_are_whole_words() -> None:
    from schemas.regions import may_name_a_region, region_mentions

    assert [c for _, c in region_mentions("Secretary of the Beijing Municipal Committee")] == [R.BJ]
    assert [c for _, c in region_mentions("贵州省贵阳市, Guangdong-Macao")] == [R.GZ, R.GD, R.MO]
    assert may_name_a_region("the beijing")  # the loose reading, for deciding what to keep


def test_recalled_and_business_events_are_not_reported_meetings() -> None:
    article = ArticleText(
        "17日,2031年泛珠三角区域合作行政首长联席会议在江西南昌举行。"
        "原本由三省参加的座谈会于2005年扩大。18日,2031年示例工商圆桌会议在南昌举行。"
    )
    recalled = meeting(quote="原本由三省参加的座谈会于2005年扩大。", name="座谈会")
    business = meeting(
        quote="18日,2031年示例工商圆桌会议在南昌举行。", name="2031年示例工商圆桌会议"
    )
    found = meeting_records(MeetingsAnswer(meetings=[meeting(), recalled, business]), article)
    assert [m.name for m in found.meetings] == ["2031年泛珠三角区域合作行政首长联席会议"]


def test_a_building_is_not_a_city_and_a_sar_office_takes_the_sar_named() -> None:
    article = ArticleText(
        "date 2031-05-29\n行政長官李明今(29)日在政府總部與上海市市長王海會面。李明表示,兩地合作深化。\n澳門特區政府消息。"
    )
    talks = meeting(
        quote="行政長官李明今(29)日在政府總部與上海市市長王海會面。",
        name="李明與王海會面", kind="talks", city="政府總部", province=None, participants=[],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[talks]), article)
    (record,) = found.meetings
    assert record.city is None and record.kind is MeetingKind.TALKS
    answer = OfficialsAnswer(officials=[official("李明今", ["行政長官"], None, [1])])
    (li, *_) = official_records(answer, found.meetings, article, found.record_of_answer)
    assert (li.name, li.region) == ("李明", R.MO)  # the day word 今 is not part of the name


def _links_in_a_visit(text: str, officials: list[OfficialAnswer]) -> dict[str, list[str]]:
    """The meetings each official is linked to, in an article of Jiangxi's delegation visiting
    Hunan (m1) with a symposium in Changsha during it (m2)."""
    article = ArticleText("date 2031-05-20\n江西省党政代表团19日至20日在湖南考察。" + text)
    visit = meeting(
        quote="江西省党政代表团19日至20日在湖南考察。", name="江西省党政代表团在湖南考察",
        kind="visit", city=None, province="湖南", participants=["江西", "湖南"],
    )  # fmt: skip
    symposium = meeting(
        quote="20日,两省在长沙举行工作座谈会。", name="工作座谈会", kind="symposium",
        city="长沙", province="湖南", participants=["江西", "湖南"],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[visit, symposium]), article)
    assert [m.kind for m in found.meetings] == [MeetingKind.VISIT, MeetingKind.SYMPOSIUM]
    records = official_records(
        OfficialsAnswer(officials=officials), found.meetings, article, found.record_of_answer
    )
    return {o.name: [a.meeting for a in o.meetings] for o in records}


def test_in_a_visit_the_meeting_held_during_it_is_the_one_officials_preside_over() -> None:
    links = _links_in_a_visit(
        "20日,两省在长沙举行工作座谈会。湖南省委书记周明主持会议并讲话。江西省委书记李华参加考察。",
        [official("周明", ["湖南省委书记"], None, []), official("李华", [], None, [])],
    )
    assert links == {"周明": ["m2"], "李华": ["m1"]}


def test_in_a_visit_who_speaks_after_its_meeting_is_named_is_at_that_meeting() -> None:
    names = ["周明", "李华", "王芳", "赵青"]
    links = _links_in_a_visit(
        "20日,两省在长沙举行工作座谈会。湖南省委书记周明主持会议。江西省委书记李华讲话。"
        "江西省副省长王芳参加考察。湖南省副省长赵青参加有关活动。\n李华表示,两省将深化合作。",
        [official(n, [], None, []) for n in names],
    )
    # Speaking, in the meeting's paragraph or later, is at the meeting; taking part in the
    # visit ("参加考察") or its programme ("参加有关活动") is on the visit.
    assert links == {"周明": ["m2"], "李华": ["m2"], "王芳": ["m1"], "赵青": ["m1"]}


def test_in_a_visit_leading_the_delegation_is_on_the_visit_whatever_words_it_uses() -> None:
    links = _links_in_a_visit(
        "20日,两省在长沙举行工作座谈会。湖南省委书记周明主持座谈会。"
        "江西省委书记李华率江西省党政代表团一行赴湘学习。",
        [official(n, [], None, []) for n in ("周明", "李华")],
    )
    # "率…代表团" is the visit ("代表团" is a meeting word, but no gathering's).
    assert links == {"周明": ["m2"], "李华": ["m1"]}


def test_a_headline_repeating_who_spoke_links_no_one_the_body_speaks_of() -> None:
    links = _links_in_a_visit(
        "\n周明李华讲话并见证签约 王芳参加\n"
        "20日,两省在长沙举行工作座谈会。湖南省委书记周明主持会议并讲话,江西省委书记李华讲话,"
        "湖南省副省长王芳参加。",
        [official(n, [], None, []) for n in ("周明", "李华", "王芳")],
    )
    assert links == {"周明": ["m2"], "李华": ["m2"], "王芳": ["m2"]}


def test_a_held_verb_inside_a_name_is_taken_out_and_no_name_ends_in_a_joining_word() -> None:
    from extract.records.meetings import end_of_name

    assert end_of_name("两市在示例市召开交流座谈会") == "两市交流座谈会"
    assert end_of_name("示例代表团举行全体会议") == "示例代表团全体会议"
    assert end_of_name("示例省党政代表团赴某省考察并举行交流座谈会") == "示例省党政代表团赴某省考察"


def test_a_one_character_short_form_is_no_city_and_a_clause_before_a_title_goes() -> None:
    article = ArticleText(
        "date 2031-04-14\n14日,示例城市协调会第十次会议在肥举行。会议听取了示例省委常委、"
        "副省长周明远的报告。"
    )
    answer = meeting(
        quote="14日,示例城市协调会第十次会议在肥举行。", name="示例城市协调会第十次会议",
        kind="joint_meeting", city="肥", province=None, participants=[],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[answer]), article)
    assert found.meetings[0].city is None  # not "Fei"
    officials = OfficialsAnswer(
        officials=[official("周明远", ["会议听取了示例省委常委", "副省长"], None, [1])]
    )
    (zhou,) = official_records(officials, found.meetings, article, found.record_of_answer)
    assert [p.title for p in zhou.positions] == ["示例省委常委", "副省长"]


def test_a_sar_office_takes_the_sar_of_the_person_s_meeting_when_both_are_named() -> None:
    article = ArticleText(
        "date 2031-07-16\nThe Guangdong-Macao Example Conference 2031 was held in Macao on July 16. "
        "The Secretary for Home Affairs, Mr Lei Wai Kin, spoke at the conference. Hong Kong "
        "officials did not attend."
    )
    answer = meeting(
        quote="The Guangdong-Macao Example Conference 2031 was held in Macao on July 16.",
        name="Guangdong-Macao Example Conference 2031", kind="joint_meeting", city="Macao",
        province=None, participants=["Guangdong", "Macao"], start_date="2031-07-16",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[answer]), article)
    officials = OfficialsAnswer(
        officials=[official("Lei Wai Kin", ["Secretary for Home Affairs"], None, [1])]
    )
    (lei,) = official_records(officials, found.meetings, article, found.record_of_answer)
    assert lei.region == R.MO


def test_city_and_district_officials_take_their_province_from_the_gazetteer() -> None:
    article = ArticleText(
        "date 2031-03-02\n3月2日,两市工作座谈会在湖州举行。湖州市委书记王一鸣主持会议,"
        "安庆市委书记李华出席。"
    )
    answer = meeting(
        quote="3月2日,两市工作座谈会在湖州举行。", name="两市工作座谈会", kind="symposium",
        city="湖州", province=None, participants=["湖州", "安庆"], start_date="2031-03-02",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[answer]), article)
    (record,) = found.meetings
    assert (record.city, record.province, record.members) == ("Huzhou", R.ZJ, [R.ZJ, R.AH])
    officials = OfficialsAnswer(
        officials=[
            official("王一鸣", ["湖州市委书记"], None, [1]),
            official("李华", ["安庆市委书记"], None, [1]),
        ]
    )
    regions = {
        o.name: o.region
        for o in official_records(officials, found.meetings, article, found.record_of_answer)
    }
    assert regions == {"王一鸣": R.ZJ, "李华": R.AH}


def test_documents_named_without_brackets_are_decisions_each_its_own() -> None:
    from extract.records.resolutions import untitled_documents_in

    assert untitled_documents_in(
        Sentence.alone("会议审议通过了示例流域协作联席会议总报告和议事制度。")
    ) == [
        "示例流域协作联席会议总报告",
        "议事制度",
    ]
    assert untitled_documents_in(Sentence.alone("會後雙方共同見證兩市多項合作協議簽署儀式。")) == [
        "兩市多項合作協議"
    ]  # as written, in traditional characters
    assert untitled_documents_in(Sentence.alone("他对两地合作协议的签署表示欢迎。")) == [
        "两地合作协议"
    ]
    assert untitled_documents_in(Sentence.alone("两市对口合作协议签署。")) == ["两市对口合作协议"]
    assert (
        untitled_documents_in(Sentence.alone("会议通过视频连线方式举行。")) == []
    )  # 通过 "by way of"
    article = ArticleText(
        "date 2031-01-07\n1月7日,示例流域省际合作联席会议在某市召开。会议审议通过了示例流域协作"
        "联席会议总报告和议事制度。"
    )
    found = meeting_records(
        MeetingsAnswer(
            meetings=[
                meeting(
                    quote="1月7日,示例流域省际合作联席会议在某市召开。",
                    name="示例流域省际合作联席会议", kind="joint_meeting", city=None,
                    province=None, participants=[], start_date="2031-01-07",
                )
            ]
        ),
        article,
    )  # fmt: skip
    records = decisions_in(found, article)
    assert [(r.kind, r.title) for r in records] == [
        (ResolutionKind.ADOPTED, "示例流域协作联席会议总报告"),
        (ResolutionKind.ADOPTED, "议事制度"),
    ]


def test_a_plain_english_list_of_names_that_took_part_gives_each_person() -> None:
    article = ArticleText(
        "date 2031-05-08\nThe Example Cooperation Exchange Meeting was held in Ningbo on May 8. "
        "Zhou Ming, Governor of Zhejiang Province, attended the meeting and spoke. Feng Lan, Zhu "
        "Tian, Qi Dong and Liu Xiaoyu participated. Hong Kong and Macao also attended."
    )
    answer = meeting(
        quote="The Example Cooperation Exchange Meeting was held in Ningbo on May 8.",
        name="Example Cooperation Exchange Meeting", kind="other", city="Ningbo", province=None,
        participants=["Zhejiang"], start_date="2031-05-08",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[answer]), article)
    assert found.meetings[0].province == R.ZJ  # Ningbo, through the gazetteer
    officials = OfficialsAnswer(
        officials=[official("Zhou Ming", ["Governor of Zhejiang Province"], None, [1])]
    )
    records = official_records(officials, found.meetings, article, found.record_of_answer)
    by_name = {o.name: o for o in records}
    assert list(by_name) == ["Zhou Ming", "Feng Lan", "Zhu Tian", "Qi Dong", "Liu Xiaoyu"]
    # No title, so no region: a plain list is not read as the governor's delegation.
    assert (by_name["Feng Lan"].region, by_name["Feng Lan"].positions) == (None, [])
    assert [a.meeting for a in by_name["Feng Lan"].meetings] == ["m1"]


def test_a_title_naming_a_level_but_no_place_means_the_previous_title_s_place() -> None:
    article = ArticleText(
        "date 2031-02-20\nThe Example Provincial Delegation visited Beijing on February 20, "
        "reported the Example Daily. The Example Province delegation met Beijing officials. Zhou "
        "Li, Secretary of the Beijing Municipal Party Committee, Wang Yong, Deputy Secretary of "
        "the Municipal Party Committee and Mayor, and Chen Hua, Secretary of the Hebei Provincial "
        "Party Committee, attended. Hebei and Hebei again: the Example Province is Hebei."
    )
    answer = meeting(
        quote="The Example Provincial Delegation visited Beijing on February 20, reported the "
        "Example Daily.", name="Example Provincial Delegation visit", kind="visit",
        city="Beijing", province=None, participants=["Hebei", "Beijing"], start_date="2031-02-20",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[answer]), article)
    officials = OfficialsAnswer(
        officials=[
            official("Zhou Li", ["Secretary of the Beijing Municipal Party Committee"], None, [1]),
            official(
                "Wang Yong", ["Deputy Secretary of the Municipal Party Committee", "Mayor"],
                "Hebei", [1],
            ),
            official("Chen Hua", ["Secretary of the Hebei Provincial Party Committee"], None, [1]),
        ]
    )  # fmt: skip
    regions = {
        o.name: o.region
        for o in official_records(officials, found.meetings, article, found.record_of_answer)
    }
    assert regions == {"Zhou Li": R.BJ, "Wang Yong": R.BJ, "Chen Hua": R.HE}


def test_a_sar_office_in_a_release_naming_both_sars_takes_the_one_named_more() -> None:
    article = ArticleText(
        "date 2031-09-05\nThe Example Pan-Pearl River Delta Forum was held in Guangzhou on "
        "September 5. The Chief Executive, Mrs Mary Lam, led the Hong Kong delegation. She said "
        "Hong Kong would work with Macao and the nine provinces. Hong Kong businesses joined."
    )
    answer = meeting(
        quote="The Example Pan-Pearl River Delta Forum was held in Guangzhou on September 5.",
        name="Example Pan-Pearl River Delta Forum", kind="other", city="Guangzhou",
        province=None, participants=["9+2"], start_date="2031-09-05",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[answer]), article)
    assert R.HK in found.meetings[0].members and R.MO in found.meetings[0].members
    officials = OfficialsAnswer(officials=[official("Mary Lam", ["Chief Executive"], None, [1])])
    (lam,) = official_records(officials, found.meetings, article, found.record_of_answer)
    assert lam.region == R.HK


def test_a_name_takes_the_year_and_places_written_right_before_it() -> None:
    from extract.records.meetings import with_year_before

    quote = "今天上午,2031年泛珠三角区域(9+2)合作行政首长联席会议在福州召开。"
    assert with_year_before("合作行政首长联席会议", quote) == (
        "2031年泛珠三角区域(9+2)合作行政首长联席会议"
    )
    assert with_year_before("联席会议", "昨天在广州召开的联席会议") == "联席会议"  # no year
    assert with_year_before("示例会议", "第七届示例大会暨2031年示例会议") == "2031年示例会议"
    assert with_year_before("Joint Meeting", "the 2031 Joint Meeting") == "Joint Meeting"


def test_a_meeting_inside_a_visit_is_where_the_visit_is_and_gets_a_name_from_its_quote() -> None:
    article = ArticleText(
        "date 2031-07-12\nThe Example Delegation visited Anhui from July 10 to 11. Li Ming "
        "accompanied them and presided over the symposium on joint flood "
        "control. After the symposium, the two sides signed the cooperation agreement on joint "
        "tourism promotion and inked a city-university research agreement with the "
        "Example University."
    )
    visit = meeting(
        quote="The Example Delegation visited Anhui from July 10 to 11.", name="Example visit",
        kind="visit", city=None, province="Anhui", participants=["Anhui"],
        start_date="2031-07-10",
    )  # fmt: skip
    symposium = meeting(
        quote="Li Ming accompanied them and presided over the symposium on the economic "
        "development of two provinces.", name="symposium", kind="symposium", city=None,
        province=None, participants=[], start_date=None,
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[visit, symposium]), article)
    first, second = found.meetings
    assert first.province == R.AH  # "visited Anhui" names the place
    assert second.name == "symposium on joint flood control"
    assert (second.province, second.city) == (R.AH, None)
    records = decisions_in(found, article)
    assert [(r.kind, r.title) for r in records] == [
        (ResolutionKind.SIGNED, "cooperation agreement on joint tourism promotion"),
        (ResolutionKind.SIGNED, "city-university research agreement"),
    ]


def test_a_name_taken_from_the_quote_keeps_the_year_and_places_written_before_it() -> None:
    # The model's own name shares too little with its quote, so the quote's name is used; the
    # "(9+2)" in it must not cut the year and the region off.
    article = ArticleText(
        "2031年示例区域(9+2)合作行政首长联席会议在福州召开。\n"
        "今天上午,2031年示例区域(9+2)合作行政首长联席会议在福州召开。"
    )
    answer = meeting(
        quote="今天上午,2031年示例区域(9+2)合作行政首长联席会议在福州召开。",
        name="第七届示例大会",
        city="福州",
        province="福建",
    )
    (record,) = meeting_records(MeetingsAnswer(meetings=[answer]), article).meetings
    assert record.name == "2031年示例区域(9+2)合作行政首长联席会议"


def test_meetings_with_two_counterparts_are_two_talks_and_the_answer_stands_for_the_first() -> None:
    article = ArticleText(
        "date 2031-09-06 Mrs Lam attended the Example Forum in Guangzhou. She also held "
        "meetings with Fujian Governor Tang Wen and Sichuan Governor Yi Ming."
    )
    forum = meeting(
        quote="Mrs Lam attended the Example Forum in Guangzhou.", name="Example Forum",
        kind="other", city="Guangzhou", province="Guangdong", participants=[],
    )  # fmt: skip
    talks = meeting(
        quote="She also held meetings with Fujian Governor Tang Wen and Sichuan Governor Yi Ming.",
        name="meetings with Fujian Governor Tang Wen and Sichuan Governor Yi Ming", kind="visit",
        city=None, province=None, start_date=None, participants=["Fujian", "Sichuan"],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[forum, talks]), article)
    assert [(m.name, m.kind, m.members) for m in found.meetings[1:]] == [
        ("meeting with Fujian Governor Tang Wen", MeetingKind.TALKS, [R.FJ]),
        ("meeting with Sichuan Governor Yi Ming", MeetingKind.TALKS, [R.SC]),
    ]
    assert found.record_of_answer == {1: "m1", 2: "m2"}


def test_talks_held_before_or_after_the_meeting_are_found_and_their_people_kept() -> None:
    text = (
        "示例合作联席第9次会议召开\n发布时间:2031-09-15\n"
        "行政长官周明昨率团出席示例合作联席第9次会议,会前与示例省委书记陈立华(右)会面。"
        "陈立华称,两地合作是全方位的。\n"
        "Before the meeting, Governor Li Hua met with Mayor Wang Fang of Example City."
    )
    article = ArticleText(text)
    main = meeting(
        quote="行政长官周明昨率团出席示例合作联席第9次会议,会前与示例省委书记陈立华(右)会面。",
        name="示例合作联席第9次会议", kind="joint_meeting", city=None, province=None,
        start_date=None, participants=[],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[main]), article)
    assert [(m.name, m.kind) for m in found.meetings] == [
        ("示例合作联席第9次会议", MeetingKind.JOINT_MEETING),
        ("与示例省委书记陈立华会面", MeetingKind.TALKS),  # not the caption's "(右)"
        ("met with Mayor Wang Fang of Example City", MeetingKind.TALKS),
    ]
    assert found.meetings[1].start_date == dt.date(2031, 9, 14)  # "昨", from the page date
    officials = official_records(
        OfficialsAnswer(officials=[]), found.meetings, article, found.record_of_answer
    )
    chen = next(o for o in officials if o.name == "陈立华")
    assert [a.meeting for a in chen.meetings] == ["m2"]


def visit_report(headline: str, place: str, more: str = "") -> tuple[ArticleText, MeetingAnswer]:
    """An invented report of a delegation's visit to `place` with a symposium held during it,
    and the model's answer for the visit."""
    opening = f"12月24日,示例市党政代表团来{place}考察。"
    article = ArticleText(
        f"{headline}\n发布时间:2031-12-25\n{opening}两市召开交流座谈会,周明主持会议。{more}"
    )
    visit = meeting(
        quote=opening, name=f"示例市党政代表团来{place}考察", kind="visit", city=None,
        province=None, participants=[],
    )  # fmt: skip
    return article, visit


def test_a_meeting_held_during_a_visit_is_added_when_no_record_of_its_kind_stands_for_it() -> None:
    article, visit = visit_report("示例市党政代表团来访考察", "湖")
    found = meeting_records(MeetingsAnswer(meetings=[visit]), article)
    assert [(m.name, m.kind) for m in found.meetings] == [
        ("示例市党政代表团来湖考察", MeetingKind.VISIT),
        ("两市交流座谈会", MeetingKind.SYMPOSIUM),
    ]
    listed = meeting(
        quote="两市召开交流座谈会,周明主持会议。", name="两市座谈会", kind="symposium",
        city=None, province=None, participants=[],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[visit, listed]), article)
    assert len(found.meetings) == 2  # the model's symposium stands for it
    joint = meeting(
        quote="两市召开交流座谈会,周明主持会议。", name="示例联席会议", kind="joint_meeting"
    )
    no_visit, _ = visit_report("示例联席会议举行", "湖")
    found = meeting_records(MeetingsAnswer(meetings=[joint]), no_visit)
    assert len(found.meetings) == 1  # not a visit's report


def test_english_presided_over_the_symposium_inside_a_visit() -> None:
    from extract.records.meetings import meetings_held_during_a_visit

    article = ArticleText(
        "The Example Delegation visited Anhui from July 10 to 11. Li Ming presided over the "
        "symposium on joint flood control."
    )
    assert [m.name for m in meetings_held_during_a_visit(article)] == [
        "symposium on joint flood control"
    ]


def test_a_decision_told_as_the_mechanism_s_history_is_not_the_meeting_s() -> None:
    from extract.records.resolutions import tells_earlier_history

    text = (
        "2031年示例区域合作联席会议在南昌举行\n发布时间:2031-04-18\n"
        "17日,2031年示例区域合作联席会议在南昌举行。"
        "2004年,经国务院批准,各方在广州形成行政首长联席会议机制,每年举行一次。"
        "会议审议通过了《2031年示例合作要点》。"
    )
    article = ArticleText(text)
    (record,) = meeting_records(
        MeetingsAnswer(meetings=[meeting(quote="17日,2031年示例区域合作联席会议在南昌举行。")]),
        article,
    ).meetings
    assert tells_earlier_history(Sentence.alone("2004年,经国务院批准,各方形成机制。"), record)
    assert tells_earlier_history(
        Sentence.alone("In 2004, the parties set up the joint conference."), record
    )
    assert not tells_earlier_history(
        Sentence.alone("会议审议通过了《2021—2035年示例规划》。"), record
    )
    history = ResolutionAnswer(
        quote="2004年,经国务院批准,各方在广州形成行政首长联席会议机制,每年举行一次。",
        title="各方在广州形成行政首长联席会议机制", kind="agreed", meeting=1,
        in_principle=False, next_host=None, next_year=None,
    )  # fmt: skip
    adopted = history.model_copy(
        update={"quote": "会议审议通过了《2031年示例合作要点》。", "title": "2031年示例合作要点",
                "kind": "adopted"}
    )  # fmt: skip
    found = resolution_records(
        ResolutionsAnswer(resolutions=[history, adopted]), [record], article, {1: record.id}
    )
    assert [r.title for r in found] == ["2031年示例合作要点"]


def test_one_document_is_one_resolution_of_its_strongest_kind() -> None:
    agreed = decision("会议商定落实《示例区域产业协作协议》", "agreed", "示例区域产业协作协议")
    signed = decision("双方签署《示例区域产业协作协议》", "signed", "示例区域产业协作协议")
    found = decisions_of_one_meeting(
        "17日,2031年示例区域合作联席会议在南昌举行。会议商定落实《示例区域产业协作协议》。"
        "双方签署《示例区域产业协作协议》。",
        agreed,
        signed,
    )
    assert [(r.id, r.kind, r.title) for r in found] == [
        ("r1", ResolutionKind.SIGNED, "示例区域产业协作协议")
    ]


def test_a_meeting_named_in_full_and_by_a_short_form_is_one_record() -> None:
    article = ArticleText(
        "17日,2031年示例区域合作联席会议在南昌举行。联席会议审议通过了工作要点。"
        "会前,两省举行工作会谈。"
    )
    full = meeting(
        quote="17日,2031年示例区域合作联席会议在南昌举行。", name="2031年示例区域合作联席会议"
    )
    short = meeting(quote="联席会议审议通过了工作要点。", name="联席会议")
    talks = meeting(quote="会前,两省举行工作会谈。", name="工作会谈", kind="talks")
    found = meeting_records(MeetingsAnswer(meetings=[full, short, talks]), article)
    assert [m.kind for m in found.meetings] == [MeetingKind.JOINT_MEETING, MeetingKind.TALKS]
    assert found.meetings[0].name == "2031年示例区域合作联席会议"
    assert found.record_of_answer == {1: "m1", 2: "m1", 3: "m2"}


def test_the_meeting_a_preview_leads_with_is_recorded_but_not_one_mentioned_in_passing() -> None:
    preview = ArticleText(
        "Chief Executive to attend Example Joint Conference in Nanchang\n\n"
        "The Chief Executive will lead a delegation to Nanchang on Sunday to attend the Example "
        "Joint Conference, which will be held there on Monday."
    )
    planned = meeting(
        quote="to attend the Example Joint Conference, which will be held there on Monday",
        name="Example Joint Conference", start_date=None, city="Nanchang",
    )  # fmt: skip
    (record,) = meeting_records(MeetingsAnswer(meetings=[planned]), preview).meetings
    assert record.name == "Example Joint Conference" and record.primary
    statistics = ArticleText(
        "Jiangxi output grows\n\nJiangxi's output grew 5% in the first half, the provincial "
        "statistics bureau said on 14 July 2031.\n\nExports from Jiangxi rose 7% in the first "
        "half of 2031.\n\nImports of Jiangxi fell 2% in the first half of 2031.\n\n"
        "An Example Joint Conference will be held in Nanchang next month."
    )
    in_passing = planned.model_copy(
        update={"quote": "An Example Joint Conference will be held in Nanchang next month."}
    )
    assert meeting_records(MeetingsAnswer(meetings=[in_passing]), statistics).meetings == []


def test_one_region_s_own_meetings_are_not_meetings_between_regions() -> None:
    from extract.records.meetings import one_region_s_own

    assert one_region_s_own("全省对口合作工作会议", "2月9日,全省对口合作工作会议召开。", [R.JS])
    assert one_region_s_own(
        "湖州市推进区域合作工作领导小组会议", "湖州市推进区域合作工作领导小组会议召开", [R.ZJ]
    )
    assert one_region_s_own(
        "Central-local cooperation forum", "The central-local cooperation forum was held.", [R.JL]
    )
    # A leading group's conference the sentence gives a second region is between regions.
    assert not one_region_s_own(
        "Jinan District Partner Support Work Leading Group Conference",
        "Leaders of Wenshan Prefecture, Yunnan and Jinan District, Shanghai attended the "
        "Jinan District Partner Support Work Leading Group Conference.",
        [R.SH, R.YN],
    )
    assert not one_region_s_own("浙江代表团全体会议", "浙江代表团举行全体会议", [R.ZJ])


def test_a_short_form_of_a_document_s_title_is_the_same_document() -> None:
    full = decision("各方签署《深化示例区域合作框架协议》", "signed", "深化示例区域合作框架协议")
    short = decision("框架协议的签署标志着合作进入新阶段", "signed", "框架协议")
    found = decisions_of_one_meeting(
        "17日,2031年示例区域合作联席会议在南昌举行。各方签署《深化示例区域合作框架协议》。"
        "框架协议的签署标志着合作进入新阶段。",
        short,
        full,
    )
    assert [r.title for r in found] == ["深化示例区域合作框架协议"]


def test_a_body_electing_its_officers_is_one_agreed_decision_per_office() -> None:
    from extract.records.resolutions import elections_stated_in_sentences

    article = ArticleText(
        "示例代表团举行全体会议\n\n代表们一致推选周明远为示例代表团团长,陈立华、王一山为副团长,"
        "并审议了议程草案。\n\nAt the meeting, Zhou Mingyuan was elected as head of the Example "
        "delegation, and Chen Lihua and Wang Yishan as deputy heads."
    )
    titles = [r.title for r in elections_stated_in_sentences(article)]
    assert titles == [
        "推选周明远为示例代表团团长",
        "陈立华、王一山为副团长",
        "Zhou Mingyuan was elected as head of the Example delegation",
        "Chen Lihua and Wang Yishan as deputy heads",
    ]
    assert kind_from_quote(
        Sentence.alone("代表们一致推选周明远为团长,并审议了议程草案"), ResolutionKind.AGREED
    ) is (ResolutionKind.AGREED)


def test_a_delegation_s_visit_is_read_off_the_sentence_when_the_model_finds_none() -> None:
    from extract.records.meetings import meetings_read_off_sentences

    article = ArticleText(
        "甘肃党政代表团到福建考察 签署合作协议\n\n12日至13日,由甘肃省委书记马远山率领的甘肃省党政代表团"
        "来福建考察访问。两省在福州举行座谈会。"
    )
    (visit, *_) = meetings_read_off_sentences(article)
    assert (visit.name, visit.kind) == ("甘肃省党政代表团来福建考察访问", MeetingKind.VISIT)
    english = ArticleText(
        "Delegation visits\n\nThe Gansu Party and Government Delegation visited Fujian from 12 "
        "to 13 May, led by Secretary Ma Yuanshan."
    )
    (visit,) = meetings_read_off_sentences(english)
    assert visit.name == "Gansu Party and Government Delegation"
    statistics = ArticleText("示例省上半年经济数据发布\n\n上半年,示例省生产总值增长5%。")
    assert meetings_read_off_sentences(statistics) == []


def test_a_name_ends_where_the_article_s_name_ends() -> None:
    from extract.records.meetings import with_session_after, with_year_before

    article = ArticleText("示例城市协调会第十次市长联席会议今天上午在嘉兴召开。")
    assert with_session_after("示例城市协调会", article) == "示例城市协调会第十次市长联席会议"
    plenary = ArticleText("示例城市协调会第九次市长联席会议全体会议于30日召开。")
    assert with_session_after("示例城市协调会第九次市长联席会议", plenary).endswith("全体会议")
    quote = "3日,十二届全国人大三次会议示例代表团全体会议在驻地举行"
    assert (
        with_year_before("示例代表团全体会议", quote) == "十二届全国人大三次会议示例代表团全体会议"
    )


def test_a_sentence_about_a_person_is_no_meeting_s_name() -> None:
    from extract.records.meetings import opens_with_a_person

    assert opens_with_a_person(
        "Ma Lin, secretary of the Example Municipal Committee, presided over the forum."
    )
    assert not opens_with_a_person("forum on poverty alleviation and cooperation")
    assert not opens_with_a_person("Guangdong-Macao Cooperation Joint Conference")


def test_places_and_years_around_a_meeting_s_name() -> None:
    from extract.lexicon.normalize import english_city
    from extract.records.meetings import kind_from_name, with_year_after

    assert english_city("曲靖市宣威市某山某源") == "Qujing"  # the city a place text starts with
    article = ArticleText("第三届示例论坛2031年6月5日在某地举行。示例合作会议 2031 在南昌举行。")
    assert with_year_after("第三届示例论坛", article) == "第三届示例论坛"  # a date, not its year
    assert with_year_after("示例合作会议", article) == "示例合作会议 2031"
    assert kind_from_name("Fourth Plenary Session of the Example Co-operation Conference",
                          MeetingKind.OTHER) is MeetingKind.JOINT_MEETING  # fmt: skip


def test_a_meeting_s_place_from_the_sentences_that_name_it_and_a_visit_s_destination() -> None:
    from extract.records.meetings import visit_destination

    article = ArticleText(
        "示例城市协调会第十次市长联席会议在嘉兴召开\n\n"
        "今天上午,示例城市协调会第十次市长联席会议召开,会议通过了新成员。"
    )
    answer = meeting(
        quote="今天上午,示例城市协调会第十次市长联席会议召开", name="示例城市协调会第十次市长联席会议",
        city="嘉兴", province=None, start_date=None,
    )  # fmt: skip
    (record,) = meeting_records(MeetingsAnswer(meetings=[answer]), article).meetings
    assert (record.city, record.province) == ("Jiaxing", R.ZJ)  # named "在嘉兴" in the headline
    assert visit_destination("示例省党政代表团来闽学习考察") is R.FJ
    assert visit_destination("The Example Delegation visited Liaoning Province") is R.LN
    assert visit_destination("示例省党政代表团举行座谈会") is None


def test_a_counted_group_of_signings_is_one_signed_decision() -> None:
    from extract.records.resolutions import counted_signings_in_sentences

    article = ArticleText(
        "两省合作会议召开\n\n12日,两省合作工作会议在某市召开,会上举行项目签约仪式,20个项目在此签约。"
        "双方还签署了三份合作协议。\n\nThe two sides signed 12 cooperation agreements at the meeting."
    )
    titles = [r.title for r in counted_signings_in_sentences(article)]
    assert titles == ["20个项目在此签约", "签署了三份合作协议", "signed 12 cooperation agreements"]
    planned = ArticleText("会议召开\n\n会上,双方将签署五份合作协议。")
    assert counted_signings_in_sentences(planned) == []


def test_a_meeting_named_in_short_form_takes_the_name_the_article_writes_in_full() -> None:
    from extract.records.meetings import written_in_full

    article = ArticleText(
        "東嶺行政首長聯席會議在西川舉行\n\n行政長官周明18日率團出席“2031年東嶺西川區域合作"
        "行政首長聯席會議”。兩省在西川召開東嶺西川合作行政首長聯席會議前,周明抵達。"
    )
    # In the simplified view, as every rule reads it; the record's name is put back in the
    # article's characters once, when the records are done.
    assert (
        written_in_full("东岭行政首长联席会议", article) == "2031年东岭西川区域合作行政首长联席会议"
    )
    assert article.in_own_characters("2031年东岭西川区域合作行政首长联席会议") == (
        "2031年東嶺西川區域合作行政首長聯席會議"
    )
    # A name put together from two places of the text: each character as the article writes it.
    assert article.in_own_characters("东岭西川行政首长会议") == "東嶺西川行政首長會議"
    # Only a name standing on its own: not a clause with its held verb, nor a bare kind word.
    clause = ArticleText("13日,两省在甲市召开经济交流座谈会。")
    assert written_in_full("两省经济交流座谈会", clause) is None
    assert written_in_full("座谈会", clause) is None
    # Two different longer names: no way to tell which one is meant.
    two = ArticleText("“东岭南部合作联席会议”与“东岭北部合作联席会议”。")
    assert written_in_full("东岭联席会议", two) is None


def test_an_intent_or_a_list_of_tasks_agreed_is_no_decision() -> None:
    from extract.records.resolutions import states_only_intent

    assert states_only_intent(
        Sentence.alone("The two cities agreed to continue their friendly exchanges.")
    )
    assert states_only_intent(
        Sentence.alone("Both cities agreed to focus on nine tasks in three fields.")
    )
    assert states_only_intent(
        Sentence.alone("Several initiatives were decided upon for river care.")
    )
    assert states_only_intent(
        Sentence.alone("会议议定了五项年度重点工作:加强交通合作、加强能源合作。")
    )
    # A concrete decision: who, what, when; or a document named by its title.
    assert not states_only_intent(
        Sentence.alone("The two sides agreed to set up a joint office in Northport.")
    )
    assert not states_only_intent(
        Sentence.alone("会议同意由东岭省政府秘书长周明接任秘书处秘书长。")
    )
    assert not states_only_intent(
        Sentence.alone('The leaders agreed to further implement the "Example Plan".')
    )
    found = decisions_of_one_meeting(
        "17日,2031年示例区域合作联席会议在南昌举行。会议同意加强交通合作。"
        "会议同意设立示例区域合作办公室。",
        decision("会议同意加强交通合作。", "agreed", "加强交通合作"),
        decision("会议同意设立示例区域合作办公室。", "agreed", "设立示例区域合作办公室"),
    )
    assert [r.title for r in found] == ["设立示例区域合作办公室"]


def test_a_decision_told_twice_from_one_sentence_in_a_short_form_is_one_record() -> None:
    sentence = "代表们一致推选周明远为示例代表团团长。"
    found = decisions_of_one_meeting(
        "17日,2031年示例区域合作联席会议在南昌举行。" + sentence,
        decision(sentence, "agreed", "推选团长"),
        decision(sentence, "agreed", "推选周明远为示例代表团团长"),
    )
    assert [r.title for r in found] == ["推选周明远为示例代表团团长"]


def test_approving_bodies_or_studies_to_be_set_up_is_one_agreed_decision_per_item() -> None:
    from extract.records.resolutions import approvals_stated_in_sentences, kind_from_quote

    article = ArticleText(
        "示例联席会议在南昌举行\n\n会议批准成立示例区域旅游专业委员会、示例区域会展专业委员会"
        "和示例区域物流专业委员会,分别由甲市和乙市牵头。會議還批准設立“示例城市群協同發展研究”"
        "專題和“示例區域港口及航運研究”專題。\nThe meeting also approved the establishment of the "
        "Northport Youth Committee and the Westland Trade Office."
    )
    titles = [a.title for a in approvals_stated_in_sentences(article)]
    assert titles == [
        "成立示例区域旅游专业委员会", "成立示例区域会展专业委员会", "成立示例区域物流专业委员会",
        "示例城市群協同發展研究", "示例區域港口及航運研究",
        "Northport Youth Committee", "Westland Trade Office",
    ]  # fmt: skip
    assert kind_from_quote(
        Sentence.alone("会议批准成立示例专业委员会。"), ResolutionKind.ADOPTED
    ) == (ResolutionKind.AGREED)
    # Approving a document is adopting it.
    assert kind_from_quote(Sentence.alone("会议批准《示例合作规划》。"), ResolutionKind.AGREED) == (
        ResolutionKind.ADOPTED
    )


def test_talks_told_beside_the_meeting_are_where_it_is_and_between_its_sides() -> None:
    article = ArticleText(
        "示例合作联席第9次会议在广州召开\n发布时间:2031-09-15\n"
        "行政长官周明昨率香港特区政府代表团到广州出席粤港合作联席第9次会议,"
        "会前与广东省委书记陈立华会面。"
    )
    main = meeting(
        quote="行政长官周明昨率香港特区政府代表团到广州出席粤港合作联席第9次会议",
        name="粤港合作联席第9次会议", kind="joint_meeting", city="广州", province="广东",
        start_date=None, participants=["香港", "广东"],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[main]), article)
    joint, talks = found.meetings
    assert talks.kind is MeetingKind.TALKS
    assert (talks.city, talks.province) == (joint.city, joint.province) == ("Guangzhou", R.GD)
    assert set(talks.members) == {R.HK, R.GD}


def test_a_place_the_delegation_goes_to_is_where_its_meeting_is_but_our_province_is_no_city() -> (
    None
):
    article = ArticleText(
        "行政长官周明率团赴会\n\n行政长官周明16日率团前往东岭省西川市,出席“2031年示例区域合作"
        "联席会议”。\nThe Chief Executive will lead a delegation to Northport for the Example "
        "Joint Conference.\n四川省党政代表团18日抵达我省考察。"
    )
    zh = meeting(
        quote="行政长官周明16日率团前往东岭省西川市,出席“2031年示例区域合作联席会议”。",
        name="2031年示例区域合作联席会议", kind="joint_meeting", city="西川市", province=None,
        participants=[],
    )  # fmt: skip
    visit = meeting(
        quote="四川省党政代表团18日抵达我省考察。", name="四川省党政代表团考察", kind="visit",
        city="我省", province=None, participants=["四川"],
    )  # fmt: skip
    cities = [
        m.city for m in meeting_records(MeetingsAnswer(meetings=[zh, visit]), article).meetings
    ]
    assert cities == ["Xichuan", None]
    from extract.records.meetings import _named_as_place

    assert _named_as_place("Northport", "will lead a delegation to Northport for the conference")
    assert not _named_as_place("Northport", "agreed to Northport's proposal")


def test_an_english_name_keeps_its_ordinal_and_loses_its_article_and_duration() -> None:
    from extract.records.meetings import with_ordinal_before

    article = ArticleText(
        "The sixth joint meeting of the Example Corridor working group was held in Northport. "
        "The 12th Plenary of the Example Conference opened."
    )
    assert (
        with_ordinal_before("joint meeting of the Example Corridor working group", article)
        == "sixth joint meeting of the Example Corridor working group"
    )
    assert with_ordinal_before("Plenary of the Example Conference", article) == (
        "12th Plenary of the Example Conference"
    )
    assert with_ordinal_before("The Ninth Plenary Session", article) == "Ninth Plenary Session"
    assert with_ordinal_before("two-day symposium on trade", article) == "symposium on trade"
    assert with_ordinal_before("示例联席会议", article) == "示例联席会议"


def test_an_event_months_before_the_meeting_is_the_past_the_article_recounts() -> None:
    article = ArticleText(
        "发布时间:2031-12-03\n2日,2031年示例区域合作联席会议在南昌举行。"
        "今年5月24日,示例领导人在南昌考察。会前,周明与李华会面。"
    )
    joint = meeting(
        quote="2日,2031年示例区域合作联席会议在南昌举行。", name="2031年示例区域合作联席会议",
        kind="joint_meeting", start_date="2031-12-02",
    )  # fmt: skip
    recalled = meeting(
        quote="今年5月24日,示例领导人在南昌考察。", name="示例领导人在南昌考察", kind="visit",
        start_date="2031-05-24",
    )  # fmt: skip
    talks = meeting(
        quote="会前,周明与李华会面。", name="周明与李华会面", kind="talks", start_date="2031-12-02"
    )
    found = meeting_records(MeetingsAnswer(meetings=[joint, recalled, talks]), article)
    assert [(m.id, m.kind) for m in found.meetings] == [
        ("m1", MeetingKind.JOINT_MEETING), ("m2", MeetingKind.TALKS)
    ]  # fmt: skip
    assert (found.record_of_answer[1], found.record_of_answer[3]) == ("m1", "m2")
    assert 2 not in found.record_of_answer  # the recalled visit became no record


def test_a_meeting_a_sentence_names_and_places_is_found_when_the_model_passes_it_over() -> None:
    article = ArticleText(
        "发布时间:2031-06-07\n2031年6月5日,第三届示例区域合作论坛在甲省乙市开幕。"
        "2031年6月6日,第二届示例区域合作行政首长联席会议在甲省丙市召开。"
        "第三届示例区域合作行政首长联席会议将于明年在丁省举行。"
    )
    forum = meeting(
        quote="2031年6月5日,第三届示例区域合作论坛在甲省乙市开幕。",
        name="第三届示例区域合作论坛", kind="other", city=None, province=None, participants=[],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[forum]), article)
    # The held one is added; the one still to come is not.
    assert [(m.name, m.kind) for m in found.meetings] == [
        ("第三届示例区域合作论坛", MeetingKind.OTHER),
        ("第二届示例区域合作行政首长联席会议", MeetingKind.JOINT_MEETING),
    ]
    assert found.meetings[1].start_date == dt.date(2031, 6, 6)


def test_an_english_sentence_naming_a_meeting_held_in_a_place_gives_it() -> None:
    article = ArticleText(
        "Published: 2031-06-07\nThe Fifth Example Region Joint Conference was held in Northport "
        "on June 6. The Sixth Example Region Joint Conference will be held in Westland next year."
    )
    found = meeting_records(MeetingsAnswer(meetings=[]), article)
    assert [(m.name, m.kind, m.start_date) for m in found.meetings] == [
        ("Fifth Example Region Joint Conference", MeetingKind.JOINT_MEETING, dt.date(2031, 6, 6))
    ]


def test_a_sentence_of_a_person_attending_is_no_meeting_of_its_own() -> None:
    assert opens_with_a_person("甲区党工委书记周明参加会议")
    assert opens_with_a_person("Governor Zhou Ming attended the meeting")
    # A meeting named after its people, or after its regions, is a meeting.
    assert not opens_with_a_person("东岭省委书记周明会见西川代表团")
    assert not opens_with_a_person("2031年示例区域合作联席会议")
    # A sentence about a person naming the meeting gives the meeting's name instead.
    article = ArticleText(
        "Published: 2031-06-07\nGovernor Zhou Ming attended the Fifth Example Region Joint "
        "Conference in Northport on June 6."
    )
    sentence = meeting(
        quote="Governor Zhou Ming attended the Fifth Example Region Joint Conference in Northport "
        "on June 6.", name="Governor Zhou Ming attended the Fifth Example Region Joint Conference",
        kind="joint_meeting", city=None, province=None, participants=[],
    )  # fmt: skip
    (found,) = meeting_records(MeetingsAnswer(meetings=[sentence]), article).meetings
    assert found.name == "Fifth Example Region Joint Conference"


def test_a_signing_with_no_meeting_around_it_is_an_event_of_its_own() -> None:
    article = ArticleText(
        "示例協議在港簽署\n\n在示例領導人見證下,東嶺省省長周明和西川特區行政長官李華前(1)日"
        "在香港簽署《深化東西合作框架協議》。《框架協議》有效期五年,雙方每年定期召開磋商會議。"
    )
    named_by_document = meeting(
        quote="《框架協議》有效期五年,雙方每年定期召開磋商會議。",
        name="《深化東西合作框架協議》", kind="joint_meeting", city=None, province=None,
        participants=[],
    )  # fmt: skip
    (signing,) = meeting_records(MeetingsAnswer(meetings=[named_by_document]), article).meetings
    assert (signing.name, signing.kind) == ("簽署深化東西合作框架協議", MeetingKind.OTHER)


def test_a_sentence_about_what_a_person_did_is_no_meeting_s_name() -> None:
    from extract.records.meetings import opens_with_a_person

    for sentence in ("周明主持会议并讲话", "李华讲话", "东岭省委书记周明参加", "周明等共同出席座谈会",
                     "Zhou Ming presided over the meeting"):  # fmt: skip
        assert opens_with_a_person(sentence), sentence
    # Talks are named after their people; meetings after their regions.
    for name in ("周明与李华会面", "周明会见西川代表团", "Chief Executive meets the Mayor of Northport",
                 "两省经贸交流座谈会", "东岭省党政代表团赴西川学习考察"):  # fmt: skip
        assert not opens_with_a_person(name), name
    article = ArticleText(
        "示例代表团赴西川考察\n\n13日上午,两省在甲市召开交流座谈会。西川省委书记周明主持会议并讲话。"
    )
    act = meeting(
        quote="西川省委书记周明主持会议并讲话。", name="周明主持会议并讲话", kind="talks",
        city=None, province=None, participants=[],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[act]), article).meetings
    assert all("周明" not in m.name for m in found)


def test_one_delegation_s_visit_told_twice_is_one_record() -> None:
    article = ArticleText("甘肃党政代表团到福建考察\n\n周明率领的甘肃省党政代表团来福建考察。")
    headline = meeting(
        quote="甘肃党政代表团到福建考察", name="甘肃党政代表团到福建考察", kind="visit",
        city=None, province="福建", participants=["甘肃", "福建"],
    )  # fmt: skip
    body = meeting(
        quote="周明率领的甘肃省党政代表团来福建考察。", name="甘肃省党政代表团来福建考察",
        kind="visit", city=None, province="福建", participants=["甘肃", "福建"],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[headline, body]), article)
    assert [m.kind for m in found.meetings] == [MeetingKind.VISIT]
    assert found.record_of_answer == {1: "m1", 2: "m1"}


def test_people_listed_after_what_they_did_take_part() -> None:
    from extract.reading.text import split_sentences
    from extract.records.officials import person_stretches, roles_in

    names = ["李甲", "王乙", "张丙"]
    text = "陪同行政长官赴会的代表团成员包括东岭司司长李甲、西川局局长王乙及办公室主任张丙等。"

    def roles(name: str, sentence: str) -> set[Role]:
        others = [n for n in names if n != name]
        return roles_in(person_stretches(name, split_sentences(sentence), others))

    assert all(roles(name, text) == {Role.ATTENDED} for name in names)
    # A list with no verb for it says nothing of what its people did.
    assert roles("王乙", "代表团成员包括东岭司司长李甲、西川局局长王乙等。") == set()


def test_events_a_person_attends_by_their_proper_names_are_each_a_record() -> None:
    article = ArticleText(
        "Published: 2031-06-07\n"
        "Governor Zhou Ming took a delegation north to join the 3rd Example Regional "
        "Co-operation & Development Forum and Investment Expo in Northport on Monday. At the "
        "Example Leaders Joint Conference, Mrs Li praised the new rail link. In the evening Mrs Li "
        "addressed guests at the banquet of the fifth Westland Legal Services Forum in Northport. "
        "At the Joint Conference, she took questions. Enterprises joined the Example Growth "
        "Initiative."
    )
    found = meeting_records(MeetingsAnswer(meetings=[]), article)
    assert [(m.name, m.city) for m in found.meetings] == [
        ("3rd Example Regional Co-operation & Development Forum and Investment Expo", "Northport"),
        ("Example Leaders Joint Conference", None),
        ("fifth Westland Legal Services Forum", "Northport"),
    ]  # "the Joint Conference" is a back-reference; an initiative is no event
    assert found.meetings[1].kind is MeetingKind.JOINT_MEETING
    # Only an official's or a delegation's attendance makes a named event one of the article's.
    crowds = ArticleText("Thousands of travellers attended the Eastbay Tourism Conference.")
    assert meeting_records(MeetingsAnswer(meetings=[]), crowds).meetings == []


def test_a_preview_keeps_its_planned_meeting_beside_the_events_its_agenda_names() -> None:
    article = ArticleText(
        "Governor to visit Northport for Example Forum\n\n"
        "Governor Zhou Ming is to head a delegation on a five-day trip from Sunday to take part "
        "in the second Example Regional Development Forum, which is scheduled to run in "
        "Northport from 24 to 28 July. On Monday afternoon Mr Zhou will attend the Example "
        "Region Chief Executives Meeting. On Wednesday the delegation will attend the second "
        "“Example Regional Investment Fair” and then visit a science park. Travelling in "
        "the delegation are the Secretary for Trade, Mr Li Hua and the Secretary for Works, "
        "Mr Wang Lei."
    )
    planned = meeting(
        quote="to take part in the second Example Regional Development Forum, which is scheduled "
        "to run in Northport from 24 to 28 July", name="Example Regional Development Forum",
        kind="other", start_date=None, city="Northport", province=None, participants=[],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[planned]), article)
    assert [(m.name, m.kind, m.primary) for m in found.meetings] == [
        ("second Example Regional Development Forum", MeetingKind.OTHER, True),
        ("Example Region Chief Executives Meeting", MeetingKind.OTHER, False),
        ("second Example Regional Investment Fair", MeetingKind.OTHER, False),
    ]  # the fair's quote ends at its name: "then visit" does not make it a visit
    people = [official(n, [], None, [1]) for n in ("Zhou Ming", "Li Hua", "Wang Lei")]
    records = official_records(
        OfficialsAnswer(officials=people), found.meetings, article, found.record_of_answer
    )
    links = {o.name: {a.meeting: set(a.roles) for a in o.meetings} for o in records}
    assert links["Zhou Ming"]["m1"] == {Role.ATTENDED, Role.LED_DELEGATION}
    # Members of the delegation attend what it attends: the main event.
    assert links["Li Hua"] == links["Wang Lei"] == {"m1": {Role.ATTENDED}}


def test_a_meeting_held_by_name_on_a_page_without_its_own_date_is_read_off_its_sentence() -> None:
    article = ArticleText(
        "周明说,他今日将与西川省省长在东岭举行东西合作联席会议,商讨交通合作。他相信会议会有成果。"
    )
    (record,) = meeting_records(MeetingsAnswer(meetings=[]), article).meetings
    # Named already before its meeting word: the subject is who holds it, not part of the name.
    assert record.name == "东西合作联席会议" and record.start_date is None
    assert record.kind is MeetingKind.JOINT_MEETING
    # A bare meeting word is named by its sides, as before.
    dated = ArticleText("发布时间:2031-06-07\n6月6日,东西两省在东岭举行工作会谈。")
    (talks,) = meeting_records(MeetingsAnswer(meetings=[]), dated).meetings
    assert talks.name == "东西两省工作会谈" and talks.start_date == dt.date(2031, 6, 6)


def test_a_meeting_is_dated_by_the_sentence_saying_it_was_held() -> None:
    article = ArticleText(
        "发布时间:2031-03-26\n据悉,东岭市副市长周明昨晚带队前往东西城市协调会第五次市长联席会议。"
        "此次会议于今天上午在西川省东岭市召开。\n链接\n2019年,东西城市协调会市长联席会议改为年会。"
    )
    background = meeting(
        quote="2019年,东西城市协调会市长联席会议改为年会。", name="东西城市协调会第五次市长联席会议",
        kind="joint_meeting", start_date="2019-01", city=None, province=None, participants=[],
    )  # fmt: skip
    (record,) = meeting_records(MeetingsAnswer(meetings=[background]), article).meetings
    # "昨晚带队" is when the delegation set off; "此次会议于今天…召开" is when it was held.
    assert record.start_date == dt.date(2031, 3, 26)


def test_talks_the_model_names_in_words_the_article_never_writes_are_named_by_who_met_whom() -> (
    None
):
    article = ArticleText(
        "Published: 2031-06-07\nThe Chief Executive, Mr Zhou Ming, met the Mayor of Northport, "
        "Mr Li Hua, this morning to discuss a new ferry route. The Chief Secretary for "
        "Administration, Mr Wang Lei, also met the Mayor and his officials on a tour of the port."
    )
    coined = [
        meeting(quote=quote, name=name, kind="joint_meeting", start_date=None, city=None,
                province=None, participants=[])
        for quote, name in (
            ("The Chief Executive, Mr Zhou Ming, met the Mayor of Northport, Mr Li Hua, this "
             "morning to discuss a new ferry route.", "The Executive-Mayor Talks Meeting"),
            ("The Chief Secretary for Administration, Mr Wang Lei, also met the Mayor and his "
             "officials on a tour of the port.", "Chief Secretary-Mayor Meeting"),
        )
    ]  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=coined), article)
    assert [(m.name, m.kind) for m in found.meetings] == [
        ("Chief Executive met the Mayor of Northport", MeetingKind.TALKS),
        ("Chief Secretary for Administration met the Mayor", MeetingKind.TALKS),
    ]
    # A name the article writes is the article's, whatever the quote tells.
    written = coined[0].model_copy(update={"name": "Chief Executive"})
    assert meeting_records(MeetingsAnswer(meetings=[written]), article).meetings[0].name != (
        "Chief Executive met the Mayor of Northport"
    )


def test_a_visit_the_headline_states_is_the_primary_record_around_the_talks_the_model_found() -> (
    None
):
    article = ArticleText(
        "周明率团赴西川学习交流 西川市委书记李华会见\n发布时间:2031-06-09\n"
        "6月8日,西川市委书记李华在西川会见东岭市委书记周明带领的代表团。李华说,两地合作前景很好。"
    )
    talks = meeting(
        quote="6月8日,西川市委书记李华在西川会见东岭市委书记周明带领的代表团。",
        name="西川市委书记李华会见", kind="talks", start_date=None, city=None, province=None,
        participants=[],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[talks]), article)
    assert [(m.name, m.kind, m.primary) for m in found.meetings] == [
        ("西川市委书记李华在西川会见", MeetingKind.TALKS, False),
        ("周明率团赴西川学习交流", MeetingKind.VISIT, True),
    ]
    # A visit the model listed is the one visit: the headline adds no second.
    visit = meeting(
        quote="6月8日,西川市委书记李华在西川会见东岭市委书记周明带领的代表团。",
        name="东岭市党政代表团考察", kind="visit", start_date=None, city=None, province=None,
        participants=[],
    )  # fmt: skip
    kinds = [m.kind for m in meeting_records(MeetingsAnswer(meetings=[visit]), article).meetings]
    assert kinds.count(MeetingKind.VISIT) == 1


def test_a_list_opened_by_including_and_a_role_said_before_the_title_give_people() -> None:
    from extract.reading.text import split_sentences
    from extract.records.officials import person_stretches, roles_in
    from extract.records.titled_names import titled_names

    listed = "陪同周明赴东岭访问的西川代表团成员包括财政司司长李甲、办公室主任王乙等。"
    found = {t.name: t.titles for t in titled_names(split_sentences(listed))}
    assert found["李甲"] == ("财政司司长",) and found["王乙"] == ("办公室主任",)
    attending = "与会的西川省委书记周明、东岭省长李华共同为石碑揭幕。"
    names = ["周明", "李华"]
    stretches = person_stretches("周明", split_sentences(attending), ["李华"])
    assert Role.ATTENDED in roles_in(stretches)
    # Without what they did before the title, the clause says nothing of it.
    plain = "西川省委书记周明、东岭省长李华为石碑揭幕。"
    assert roles_in(person_stretches(names[0], split_sentences(plain), names[1:])) == set()


def test_a_document_signed_at_the_meeting_inside_a_visit_belongs_to_that_meeting() -> None:
    article, visit = visit_report(
        "示例市党政代表团来东岭考察 签署交流协议", "东岭",
        "座谈中,双方签署了旅游合作协议。代表团还参观了港口。",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[visit]), article)
    assert [m.kind for m in found.meetings] == [MeetingKind.VISIT, MeetingKind.SYMPOSIUM]
    signed = decision("座谈中,双方签署了旅游合作协议。", "signed", "旅游合作协议")
    headline = decision("示例市党政代表团来东岭考察 签署交流协议", "signed", "交流协议")
    records = decisions_in(found, article, signed, headline)
    # Told at the symposium: the symposium's. Told of the visit only: the visit's.
    assert [(r.title, r.meeting) for r in records] == [("旅游合作协议", "m2"), ("交流协议", "m1")]


def test_an_english_headline_s_trip_to_conduct_visits_is_the_visit_between_both_regions() -> None:
    article = ArticleText(
        "The Northland Prefecture Delegation Travels to Hefei to Pay Return Visits on Trade\n"
        "Released on: 2031-07-07\nFrom June 24 to 27, the delegation attended the Example "
        "Trade Joint Conference and toured two factories. Mayor Li Hua led the delegation."
    )
    joint = meeting(
        quote="the delegation attended the Example Trade Joint Conference",
        name="Example Trade Joint Conference", kind="joint_meeting", start_date=None, city=None,
        province=None, participants=[],
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[joint]), article)
    visit = next(m for m in found.meetings if m.primary)
    assert (visit.name, visit.kind) == ("Northland Prefecture Delegation", MeetingKind.VISIT)
    assert RegionCode.AH in visit.members  # where it goes
    # A delegation going somewhere to attend a meeting makes no visit (rule 30).
    attend = ArticleText(article.original.replace("Pay Return Visits on Trade", "Attend a Fair"))
    assert all(m.kind is not MeetingKind.VISIT for m in meeting_records(
        MeetingsAnswer(meetings=[joint]), attend).meetings)  # fmt: skip


def test_a_meeting_named_by_its_kind_alone_takes_who_held_it() -> None:
    """Rule 10: a bare kind ("工作座谈会") is named with the sides that held it; a delegation's
    plenary also with the session its delegation attends; a name with a topic stays."""
    from extract.records.meetings import sides_ending, with_holder_before

    article = ArticleText(
        "东岭市代表团来西川考察。当天上午两县举行协作座谈会。"
        "9日下午,湖南、江西两省在长沙召开流域协作座谈会。"
    )
    assert with_holder_before("协作座谈会", article) == "两县协作座谈会"
    assert with_holder_before("流域协作座谈会", article) == "流域协作座谈会"  # named by its topic
    plenary = ArticleText(
        "湖南代表团举行全体会议\n今天,出席第九届示例大会第二次会议的湖南代表团在住地召开全体会议。"
    )
    # The body writes the session the headline leaves off.
    assert with_holder_before("湖南代表团全体会议", plenary) == (
        "第九届示例大会第二次会议湖南代表团全体会议"
    )
    # The sentence's own meeting ("…的湖南代表团在住地召开全体会议") is the same one, not a second.
    answered = meeting(
        quote="今天,出席第九届示例大会第二次会议的湖南代表团在住地召开全体会议。",
        name="湖南代表团全体会议", kind="plenary",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[answered]), plenary).meetings
    assert [m.name for m in found] == ["第九届示例大会第二次会议湖南代表团全体会议"]
    assert sides_ending("今天上午两市") == "两市"
    assert sides_ending("9日下午湖南、江西两省") == "湖南、江西两省"
    assert sides_ending("今天上午湖南代表团") == "湖南代表团"
    assert sides_ending("双方还") is None  # no side: nothing is built
    assert with_holder_before("座谈会", ArticleText("会后双方还举行了座谈会。")) == "座谈会"


def test_an_english_delegation_s_meeting_and_a_bare_kind_are_named_as_the_article_writes() -> None:
    from extract.records.meetings import meeting_name, with_holder_before, with_topic_after

    article = ArticleText(
        "Northport (Capital): The Hunan Delegation convened its first plenary for the 3rd session of "
        "the Example Congress, on March 4. A two-day symposium on river basin cooperation of the "
        "central provinces was held in Changsha. The Jiangxi Delegation held a plenary meeting at "
        "the Example Hotel."
    )
    expected = "first plenary of the Hunan Delegation for the 3rd session of the Example Congress"
    answered = meeting(
        quote="The Hunan Delegation convened its first plenary", name="Hunan Delegation"
    )
    assert meeting_name(answered, article) == expected
    assert with_holder_before("first plenary", article) == expected
    # "at the …" is where it was held, no part of the name.
    assert with_holder_before("Jiangxi Delegation", article) == (
        "plenary meeting of the Jiangxi Delegation"
    )
    assert with_holder_before("Example Congress", article) == "Example Congress"
    assert with_topic_after("symposium", article) == (
        "symposium on river basin cooperation of the central provinces"
    )
    assert with_topic_after("Example Symposium", article) == "Example Symposium"  # a proper name


def test_a_document_the_model_found_signed_is_kept_when_the_verb_is_one_no_list_has() -> None:
    """The model finds; a word list lacking the verb ("缔结", "concluded") is no proof that
    nothing was signed. A quote naming no document and no decision still is."""
    assert (
        kind_from_quote(
            Sentence.alone("东岭、西川两市缔结了《示例友好城市合作协议》。"), ResolutionKind.SIGNED
        )
        is ResolutionKind.SIGNED
    )
    assert (
        kind_from_quote(
            Sentence.alone("The two cities concluded a port cooperation agreement."),
            ResolutionKind.SIGNED,
        )
        is ResolutionKind.SIGNED
    )
    assert kind_from_quote(
        Sentence.alone("双方就港口合作深入交流了意见。"), ResolutionKind.SIGNED
    ) is None  # fmt: skip


def test_officials_of_a_traditional_article_come_out_in_its_characters() -> None:
    """The answers are read in the simplified view; names and titles go back to the article's
    own characters once, whichever script the model answered in."""
    article = ArticleText(
        "2031年5月6日,東嶺西川合作聯席會議在西川舉行。湖南省委書記周明遠出席會議並講話,"
        "西川市市長李華主持會議。"
    )
    joint = meeting(
        quote="2031年5月6日,東嶺西川合作聯席會議在西川舉行。", name="东岭西川合作联席会议",
        kind="joint_meeting", start_date="2031-05-06",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[joint]), article)
    answer = OfficialsAnswer(
        officials=[
            official("周明远", ["湖南省委书记"], None, [1]),  # the model's simplified
            official("李華", ["西川市市長"], None, [1]),  # the article's traditional
        ]
    )
    zhou, li = official_records(answer, found.meetings, article, found.record_of_answer)
    assert (zhou.name, [p.title for p in zhou.positions]) == ("周明遠", ["湖南省委書記"])
    assert (zhou.name_zh, zhou.name_en) == ("周明远", "Zhou Mingyuan")
    assert zhou.region is R.HN and zhou.meetings[0].roles == [Role.ATTENDED, Role.SPOKE]
    assert (li.name, [p.title for p in li.positions]) == ("李華", ["西川市市長"])
    assert li.meetings[0].roles == [Role.ATTENDED, Role.PRESIDED]


def test_a_meeting_in_a_municipality_or_a_sar_is_in_that_city() -> None:
    from extract.lexicon.normalize import city_that_is

    assert city_that_is(R.SH) == "Shanghai" and city_that_is(R.MO) == "Macao"
    assert city_that_is(R.HN) is None and city_that_is(None) is None
    article = ArticleText("2031年5月6日,东岭市党政代表团赴沪学习考察。")
    visit = meeting(
        quote="2031年5月6日,东岭市党政代表团赴沪学习考察。", name="东岭市党政代表团赴沪学习考察",
        kind="visit", province="上海",
    )  # fmt: skip
    (record,) = meeting_records(MeetingsAnswer(meetings=[visit]), article).meetings
    assert (record.city, record.province) == ("Shanghai", R.SH)
    # A meeting held during the visit, its place not given, is in that city too.
    during = ArticleText("2031年5月6日,东岭市党政代表团赴沪学习考察。两市召开交流座谈会。")
    symposium = meeting(quote="两市召开交流座谈会。", name="交流座谈会", kind="symposium")
    found = meeting_records(MeetingsAnswer(meetings=[visit, symposium]), during).meetings
    assert [(m.kind, m.city, m.province) for m in found] == [
        (MeetingKind.VISIT, "Shanghai", R.SH), (MeetingKind.SYMPOSIUM, "Shanghai", R.SH)
    ]  # fmt: skip


def test_a_meeting_s_city_is_read_off_the_sentence_saying_who_held_it_there() -> None:
    from extract.records.meetings import city_held_in

    article = ArticleText("18日下午,湘赣两省在长沙举行座谈会。两市在驻地召开工作座谈会。")
    assert city_held_in("湘赣两省座谈会", article) == "Changsha"
    assert city_held_in("座谈会", article) == "Changsha"
    assert city_held_in("两市工作座谈会", article) is None  # 驻地 is no city
    answer = meeting(
        quote="18日下午,湘赣两省在长沙举行座谈会。", name="湘赣两省座谈会", kind="symposium"
    )
    (record,) = meeting_records(MeetingsAnswer(meetings=[answer]), article).meetings
    assert (record.city, record.province) == ("Changsha", R.HN)


def test_a_sentence_saying_who_held_the_meeting_today_dates_it_over_the_page_s_date() -> None:
    """The model gives the page's date when it has none of the meeting's own; the sentence
    saying the meeting was held "今天", in a story filed the day before, dates it."""
    article = ArticleText(
        "湖南代表团举行全体会议\n来源:示例日报 2031年03月04日 08:47\n示例日报北京3月3日电\n"
        "今天,出席第九届示例大会第二次会议的湖南代表团在住地召开全体会议。周明主持会议。"
    )
    answer = meeting(
        quote="湖南代表团举行全体会议", name="湖南代表团全体会议", kind="plenary",
        start_date="2031-03-04", end_date="2031-03-04",
    )  # fmt: skip
    (record,) = meeting_records(MeetingsAnswer(meetings=[answer]), article).meetings
    assert record.name == "第九届示例大会第二次会议湖南代表团全体会议"
    assert (record.start_date, record.end_date) == (dt.date(2031, 3, 3), dt.date(2031, 3, 3))


def test_an_english_title_listed_after_a_name_ends_where_the_sentence_s_verb_begins() -> None:
    from extract.reading.text import split_sentences
    from extract.records.titled_names import titled_names

    for verb in ("introduced the river plan of the two provinces", "said the plan was ready"):
        text = f"Zhou Ming, Mayor of Northport, and Li Hua, Governor of Hunan Province {verb}."
        found = {t.name: t.titles for t in titled_names(split_sentences(text))}
        assert found == {
            "Zhou Ming": ("Mayor of Northport",),
            "Li Hua": ("Governor of Hunan Province",),
        }


def test_a_ministry_s_or_a_commission_s_title_is_national_only_when_it_names_no_region() -> None:
    from extract.records.officials import is_national_title

    assert is_national_title("商务部部长") and is_national_title("国家发展改革委副主任")
    assert is_national_title("Minister of Commerce")
    assert not is_national_title("湖南省委宣传部部长")
    assert not is_national_title("湖南省发展改革委副主任")
    assert not is_national_title("全国人大代表")  # a deputy represents the delegation's region
    assert is_national_title("中央人民政府驻澳门特别行政区联络办公室副主任")  # a central body


def test_a_department_head_who_is_also_a_city_s_deputy_secretary_is_the_city_s() -> None:
    from extract.records.officials import holds_national_office
    from schemas import Position

    def positions(*titles: str) -> list[Position]:
        return [Position(title=t, rank=Rank.OTHER) for t in titles]

    assert holds_national_office(positions("商务部部长"))
    assert not holds_national_office(positions("市委副书记", "宣传部部长"))
    assert not holds_national_office(
        positions("Vice Mayor of the Municipal Government", "Minister")
    )


def test_titles_listed_before_a_name_run_through_a_body_s_name_and_an_and_continues_a_title_only() -> (
    None
):
    from extract.reading.text import split_sentences
    from extract.records.titled_names import titled_names

    def found(text: str) -> dict[str, tuple[str, ...]]:
        return {t.name: t.titles for t in titled_names(split_sentences(text))}

    # "市人大常委会主任" is one title: 常委 before 会 ends none.
    assert found("市人大常委会主任、市委书记周明,市长李华等一同审议。") == {
        "周明": ("市人大常委会主任", "市委书记"),
        "李华": ("市长",),
    }
    # "and" joins two parts of one office only right after a title, not after the verb's clause.
    text = (
        "Zhou Ming, deputy secretary of the Hunan Party Committee and governor of Hunan "
        "Province, attended a forum on trade in Hunan Province (Changsha City) and Jiangxi "
        "Province (Nanchang City)."
    )
    assert found(text) == {
        "Zhou Ming": (
            "deputy secretary of the Hunan Party Committee",
            "governor of Hunan Province",
        )
    }


def test_said_before_a_pause_and_relaying_a_speech_are_speaking() -> None:
    from extract.reading.text import split_sentences
    from extract.records.officials import roles_in

    def roles(text: str) -> set[Role]:
        return roles_in(split_sentences(text))

    assert Role.SPOKE in roles("周明称,两地合作将更加紧密。")
    assert Role.SPOKE in roles("会上,李华传达了示例会议的精神。")
    assert Role.SPOKE not in roles("周明出席会议,会议名称为示例联席会议。")
    assert Role.SPOKE not in roles("周明出席被称为示例之都的东岭市的会议。")


def test_members_named_in_a_group_do_what_the_group_then_does() -> None:
    """Rule 57: "包括甲和乙在内的某某行政首长" names members; the group's later roles are theirs."""
    article = ArticleText(
        "2031年6月5日,第三届示例区域合作论坛在东岭开幕。包括东岭行政长官周明和西川行政长官李华"
        "在内的各方行政首长出席开幕式。各方行政首长在论坛上发表了讲话。\n"
        "2031年6月6日,第二届示例区域行政首长联席会议在东岭举行,各方行政首长出席会议。"
    )
    forum = meeting(
        quote="2031年6月5日,第三届示例区域合作论坛在东岭开幕。", name="第三届示例区域合作论坛",
        kind="other", start_date="2031-06-05",
    )  # fmt: skip
    joint = meeting(
        quote="2031年6月6日,第二届示例区域行政首长联席会议在东岭举行,各方行政首长出席会议。",
        name="第二届示例区域行政首长联席会议", kind="joint_meeting", start_date="2031-06-06",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[forum, joint]), article)
    answer = OfficialsAnswer(officials=[official("周明", ["东岭行政长官"], None, [1])])
    officials = official_records(answer, found.meetings, article, found.record_of_answer)
    for person in officials:  # 李华 is read off the text, with the same roles
        assert {a.meeting: a.roles for a in person.meetings} == {
            "m1": [Role.ATTENDED, Role.SPOKE],
            "m2": [Role.ATTENDED],
        }, person.name
    assert sorted(o.name for o in officials) == ["周明", "李华"]


def test_a_document_named_without_a_title_before_titled_ones_is_a_decision_too() -> None:
    from extract.records.resolutions import untitled_documents_in

    # A document's name may list what it covers.
    assert untitled_documents_in(Sentence.alone("会议通过了交通、水利等专项合作规划。")) == [
        "交通、水利等专项合作规划"
    ]
    article = ArticleText(
        "date 2031-01-07\n1月7日,示例区域合作联席会议在某市召开。会议通过了交通、水利等专项合作"
        "规划及《示例区域旅游合作指导意见》。"
    )
    joint = meeting(
        quote="1月7日,示例区域合作联席会议在某市召开。", name="示例区域合作联席会议",
        kind="joint_meeting", start_date="2031-01-07",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[joint]), article)
    records = decisions_in(found, article)
    assert sorted((r.kind, r.title) for r in records) == [
        (ResolutionKind.ADOPTED, "交通、水利等专项合作规划"),
        (ResolutionKind.ADOPTED, "示例区域旅游合作指导意见"),
    ]


def test_a_title_summing_up_two_decisions_of_the_same_words_is_no_third() -> None:
    article = ArticleText(
        "date 2031-03-04\n3月4日,湖南代表团举行全体会议。"
        "代表们一致推选周明为湖南代表团团长,李华、王芳为副团长。"
    )
    plenary = meeting(
        quote="3月4日,湖南代表团举行全体会议。", name="湖南代表团全体会议", kind="plenary",
        start_date="2031-03-04",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[plenary]), article)
    summary = ResolutionAnswer(
        quote="代表们一致推选周明为湖南代表团团长,李华、王芳为副团长。", meeting=1,
        kind=ResolutionKind.AGREED, title="推选团长和副团长", in_principle=False,
        next_host=None, next_year=None,
    )  # fmt: skip
    records = decisions_in(found, article, summary)
    assert [r.title for r in records] == ["推选周明为湖南代表团团长", "李华、王芳为副团长"]


def test_a_meeting_s_members_include_the_sides_of_the_officials_who_took_part() -> None:
    from extract.records.officials import add_members_who_took_part
    from schemas import Attendance, Meeting, Official

    talks = Meeting(id="m1", name="周明与李华会面", kind=MeetingKind.TALKS, members=[R.SH])
    other = Meeting(id="m2", name="示例论坛", kind=MeetingKind.OTHER, members=[])
    people = [
        Official(id="o1", name="周明", region=R.MO, meetings=[Attendance(meeting="m1")]),
        Official(id="o2", name="李华", region=R.SH, meetings=[Attendance(meeting="m1")]),
        Official(id="o3", name="王芳", region=None, meetings=[Attendance(meeting="m2")]),
    ]
    add_members_who_took_part([talks, other], people)
    assert talks.members == [R.SH, R.MO]
    assert other.members == []  # a national official stands for no region


def test_the_one_region_a_sentence_says_held_the_meeting_is_its_host() -> None:
    from extract.records.meetings import host_held_by

    plenary = ArticleText(
        "湖南代表团举行全体会议\n今天,出席第九届示例大会第二次会议的湖南代表团在住地召开全体会议。"
    )
    assert host_held_by("第九届示例大会第二次会议湖南代表团全体会议", plenary) is R.HN
    two = ArticleText("13日,湖南、江西两省在长沙召开工作座谈会。")
    assert host_held_by("湖南、江西两省工作座谈会", two) is None  # two sides: neither hosts
    english = ArticleText("The Hunan Delegation convened its first plenary for the 3rd session.")
    assert host_held_by("first plenary of the Hunan Delegation for the 3rd session", english) is (
        R.HN
    )
    assert host_held_by("Example Forum", english) is None


def test_a_visit_named_as_the_headline_names_it_takes_the_body_s_name() -> None:
    """Rule 10: the body's first full mention wins; "此次率团来…" names no leader and no visit."""
    article = ArticleText(
        "湖南党政代表团到江西考察 签署合作协议\n"
        "周明表示,此次率团来江西学习对接,就是要深化合作。"
        "10月8日至9日,由湖南省委书记周明率领的湖南省党政代表团来江西考察访问。"
    )
    visit = meeting(
        quote="湖南党政代表团到江西考察 签署合作协议", name="湖南党政代表团到江西考察 签署合作协议",
        kind="visit", participants=["湖南", "江西"], start_date="2031-10-08",
    )  # fmt: skip
    (record,) = meeting_records(MeetingsAnswer(meetings=[visit]), article).meetings
    assert record.name == "湖南省党政代表团来江西考察访问"


def test_officials_said_to_be_in_attendance_attended() -> None:
    from extract.reading.text import split_sentences
    from extract.records.officials import person_stretches, roles_in

    text = "Among the guests in attendance was the Deputy Director of the Example Office."
    assert roles_in(split_sentences(text)) == {Role.ATTENDED}
    # Items of a list with commas of their own are parted by semicolons.
    listed = (
        "Guests in attendance were the Head of the Example Office, Mr Zhou Ming; "
        "and the Vice Head of the Example Bureau in Northport, Ms Li Hua."
    )
    names = ["Zhou Ming", "Li Hua"]
    for name in names:
        others = [n for n in names if n != name]
        stretches = person_stretches(name, split_sentences(listed), others)
        assert roles_in(stretches) == {Role.ATTENDED}, name


def test_an_english_gathering_without_a_proper_name_is_found_where_a_sentence_says_it_was_held() -> (
    None
):
    from extract.records.meetings import meetings_stated_in_sentences

    article = ArticleText(
        "On 8-10 November, the Hunan Party and Government Delegation visited Jiangxi. On the "
        "afternoon of 8 November, an informal discussion was held in Nanchang between delegates "
        "from the two provinces to plan river work."
    )
    stated = [(m.name, m.city) for m in meetings_stated_in_sentences(article)]
    assert ("informal discussion between delegates from the two provinces", "Nanchang") in stated
    # Undated, it is background, not a report of the day.
    background = ArticleText("A meeting was held in Nanchang between the two provinces.")
    assert meetings_stated_in_sentences(background) == []


def test_a_visit_dated_by_the_page_takes_the_day_the_body_s_sentence_gives() -> None:
    article = ArticleText(
        "date 2031-02-21 The Hunan Party and Government Delegation Visited Jiangxi\n\n"
        "Yesterday (20th), the party and government delegation of Hunan Province visited "
        "Jiangxi. Zhou Ming, Secretary of the Jiangxi Provincial Party Committee, met them."
    )
    visit = meeting(
        quote="The Hunan Party and Government Delegation Visited Jiangxi",
        name="The Hunan Party and Government Delegation Visited Jiangxi", kind="visit",
        participants=["Hunan", "Jiangxi"], start_date="2031-02-21", end_date="2031-02-21",
    )  # fmt: skip
    (record, *_) = meeting_records(MeetingsAnswer(meetings=[visit]), article).meetings
    assert record.kind is MeetingKind.VISIT
    assert (record.start_date, record.end_date) == (dt.date(2031, 2, 20), dt.date(2031, 2, 20))


def test_meetings_with_two_counterparts_are_two_talks_whatever_the_model_named_them() -> None:
    from extract.records.meetings import meetings_with_each

    told = "Mr Wang also held meetings with Hunan Governor Li Hua and Jiangxi Governor Zhao Qing."
    answer = meeting(quote=told, name="meeting with Hunan Governor Li Hua and Jiangxi Governor")
    assert [a.name for a in meetings_with_each(answer)] == [
        "meeting with Hunan Governor Li Hua",
        "meeting with Jiangxi Governor",
    ]
    one = "Mr Wang held a meeting with Hunan Governor Li Hua and Jiangxi Governor Zhao Qing."
    together = meeting(quote=one, name="meeting with Hunan Governor Li Hua and Jiangxi Governor")
    assert meetings_with_each(together) == [together]  # one meeting of the three


def test_a_clause_joined_by_bing_goes_on_with_the_same_signers() -> None:
    from extract.reading.text import split_sentences
    from extract.records.officials import roles_in

    def roles(text: str) -> set[Role]:
        return roles_in(split_sentences(text))

    assert Role.SIGNED in roles("周明和李华分别率团出席,并签署了《示例合作协议》等5项协议。")
    # Another subject signs: the meeting's resolution, no role of theirs (rule 21).
    assert Role.SIGNED not in roles("周明和李华出席会议,会后双方签署了《示例合作协议》。")


def test_each_leading_a_delegation_is_leading_it() -> None:
    from extract.reading.text import split_sentences
    from extract.records.officials import roles_in

    text = (
        "The Chief Executive, Mr Zhou Ming, and the Governor of Hunan Province, Mr Li Hua, "
        "attended the meeting, each leading a delegation."
    )
    assert Role.LED_DELEGATION in roles_in(split_sentences(text))


def test_a_sentence_opened_by_a_person_s_bare_title_speaks_of_them() -> None:
    article = ArticleText(
        "date 2031-05-20\nThe Fifth Example Joint Conference was held in Northport on Monday. "
        "The delegation was led by the Chief Executive, Mr Zhou Ming. Mr Li Hua, Mayor of "
        "Northport, attended. The Chief Executive noted that the two sides had made progress."
    )
    joint = meeting(
        quote="The Fifth Example Joint Conference was held in Northport on Monday.",
        name="Fifth Example Joint Conference", kind="joint_meeting", start_date="2031-05-20",
    )  # fmt: skip
    found = meeting_records(MeetingsAnswer(meetings=[joint]), article)
    answer = OfficialsAnswer(
        officials=[
            official("Zhou Ming", ["Chief Executive"], None, [1]),
            official("Li Hua", ["Mayor of Northport"], None, [1]),
        ]
    )
    by_name = {
        o.name: o.meetings[0].roles
        for o in official_records(answer, found.meetings, article, found.record_of_answer)
    }
    assert by_name["Zhou Ming"] == [Role.ATTENDED, Role.SPOKE, Role.LED_DELEGATION]
    assert by_name["Li Hua"] == [Role.ATTENDED]  # not the Chief Executive's words
