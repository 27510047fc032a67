"""The toolkit's one bilingual vocabulary: every word a rule looks for, in one place.

Chinese words are written in simplified characters only: rules read the simplified view of an
article (`extract.reading.text`), so a traditional article matches the same words. English words
are matched without case. Each concept is a tuple of words (what a reviewer edits) and a compiled
pattern built from it (what code uses); no other module keeps a word list of its own.

These words *find and check*: they point the model at sentences, name a kind, a rank or a role,
and prove a record wrong where a word says so (a planned meeting, a group of people, an
organisation). A record the model found is never dropped merely because its words are missing
here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from schemas.mechanisms import KIND_PATTERNS
from schemas.models import ResolutionKind, Role


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first (so "联席会议" wins over "会议")."""
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


def _english(words: Iterable[str]) -> str:
    """English words as whole words: `\\b` on both sides, spaces matching any whitespace."""
    escaped = sorted((re.escape(w).replace(r"\ ", r"\s+") for w in set(words)), key=len)
    return r"\b(?:" + "|".join(reversed(escaped)) + r")\b"


def pattern(zh: Iterable[str] = (), en: Iterable[str] = ()) -> re.Pattern[str]:
    """One case-insensitive pattern for Chinese words (anywhere) and English words (whole)."""
    parts = [p for p in (alternation(zh), _english(en) if en else "") if p]
    return re.compile("|".join(parts), re.IGNORECASE)


# --- Shared grammar ---------------------------------------------------------------------------

JOINERS_ZH = ("以及", "和", "及", "与")
JOINER_ZH = alternation(JOINERS_ZH)
"""The words that join two items of a Chinese list ("甲和乙", "A及B"): one regex alternation."""

# --- Meetings -------------------------------------------------------------------------------

MEETING_WORDS_ZH = (
    "联席会议", "联席会", "座谈会", "全体会议", "工作会谈", "会谈", "座谈", "会议", "论坛", "峰会",
    "大会", "会晤", "会见", "会面", "圆桌会", "交流会", "推进会", "对接会", "洽谈会", "发布会",
    "见面会", "协调会", "年会", "例会", "研讨会", "签约仪式", "考察", "访问",
)  # fmt: skip
MEETING_WORDS_EN = (
    "meeting", "meetings", "symposium", "talks", "forum", "summit", "conference", "plenary",
    "session", "dialogue", "roundtable", "round-table", "seminar", "visit", "visited", "visits",
    "delegation", "met", "exchange meeting", "press conference", "signing ceremony", "trade fair",
)  # fmt: skip
MEETING_WORDS = pattern(MEETING_WORDS_ZH, MEETING_WORDS_EN)
_VISIT_WORDS = ("考察", "访问", "visit", "visited", "visits", "delegation")
GATHERING_WORDS = pattern(
    (w for w in MEETING_WORDS_ZH if w not in _VISIT_WORDS),
    (w for w in MEETING_WORDS_EN if w not in _VISIT_WORDS),
)
"""The meeting words that name a gathering, not a delegation's visit: in a visit's report,
"主持会议" or "at the forum" is the meeting held during it, "led a delegation to" the visit."""
EVENT_NAME_ENDS_EN = (
    "Meeting", "Meetings", "Symposium", "Forum", "Summit", "Conference", "Plenary", "Session",
    "Dialogue", "Roundtable", "Seminar", "Talks", "Fair", "Expo", "Ceremony",
)  # fmt: skip
"""The last word of an English event's proper name, capitalised as a name writes it ("… Leaders
Summit", "… Investment Expo"); a fair or expo is named like a forum, not told like one."""
ATTENDING_EN = (
    r"\b(?i:attend(?:s|ed|ing)?|participat(?:e|es|ed|ing) in|t(?:ake|akes|ook|aking) part in"
    r"|join(?:s|ed|ing)?|at|(?:luncheon|banquet|dinner|reception|opening|closing)"
    r"(?: ceremony)? of)\s+the\s+"
)
"""What puts a person at an event named next ("attend the …", "At the …", "the luncheon of
the …"), ending with the "the" that opens the name; a regex fragment, any case."""

COUNTED_SIDES_ZH = re.compile(
    r"(?:[两三四五六七八九十]|\d{1,2})(?:省区市|省市|省区|省|市|区|县|地)$"
)
"""A count of the sides ending who held a meeting: "两市", "湖南、江西两省", "三省区"."""

VISIT_PURPOSES_ZH = alternation(("学习", "考察", "访问", "调研", "对接", "交流"))
"""What a delegation goes somewhere to do ("赴西川学习交流", "来东岭考察"): a regex alternation."""

HELD_WORDS_ZH = (
    "举行", "召开", "举办", "开幕", "闭幕", "会见", "会面", "会晤", "见面", "座谈", "会谈", "考察",
    "访问", "出席", "参加", "主持", "率团", "抵达", "来访",
)  # fmt: skip
HELD_WORDS_EN = (
    "held", "hold", "holds", "convened", "took place", "opened", "met", "meets", "hosted",
    "co-chaired", "chaired", "visited", "attended", "led", "leads", "joined", "presided",
)  # fmt: skip
HELD_WORDS = pattern(HELD_WORDS_ZH, HELD_WORDS_EN)
"""Words that say something happened; with a meeting word they make a sentence worth a look."""

HELD_VERBS = pattern(("举行", "召开", "举办"), ("held", "convened", "took place"))
"""The narrow "was held" verbs a date is read next to."""

KIND_WORDS = KIND_PATTERNS
"""Meeting kinds by the words of a meeting's name, in order (the first wins): the contract's one
table (`schemas.mechanisms.MEETING_KIND_WORDS`), shared with consolidation."""

VENUE_WORDS = pattern(
    (
        "总部",
        "中心",
        "大厦",
        "宾馆",
        "酒店",
        "饭店",
        "会堂",
        "大厅",
        "会场",
        "广场",
        "基地",
        "大楼",
    ),
    ("hotel", "centre", "center", "hall", "building", "headquarters", "plaza", "office"),
)
"""Words of a venue: a "city" that holds one is a building, not a city (rule 12)."""

BUSINESS_EVENT = pattern(
    ("工商", "商会", "企业家", "贸促会"),
    ("business roundtable", "chamber of commerce", "entrepreneurs", "business leaders"),
)
"""Words naming a business event (a roundtable of trade-promotion bodies or companies): not a
government meeting, even where an official speaks at it (rule 32)."""

ONE_REGION_BODY = pattern(
    ("领导小组", "常务会议", "常委会会议", "常委会议", "党组会议", "全会", "分会场"),
    ("leading group", "executive meeting", "standing committee meeting", "work conference"),
)
"""Words naming one region's own body or internal meeting (its leading group, its government's
executive meeting, a work conference with branch venues): not a meeting between regions."""
WHOLE_REGION = re.compile(
    r"^(?:\d{4}年)?全(?:省|市|区|县|州)|^(?:the )?(?:province|city)-wide\b", re.I
)
"""A meeting named for a whole region of its own ("全省…工作会议", "province-wide ...")."""
CENTRE_AND_REGION = pattern(
    ("央地", "央企", "中央企业", "央地合作"),
    ("central-regional", "central-local", "central enterprises", "central soes",
     "central state-owned enterprises"),
)  # fmt: skip
"""Words of a meeting between the central government or its enterprises and one region."""

PAST_REFERENCE = pattern(
    ("原本", "此前", "曾经", "历届", "历次", "首次座谈会", "最初"),
    ("previously", "was established", "were established", "first held", "in the past"),
)
"""Words saying a meeting is recalled, not reported (rule 6)."""

PLANNED_WORDS = pattern(
    ("将于", "将在", "将举行", "将召开", "下一届", "下届", "明年", "计划于", "拟于"),
    ("will be held", "will hold", "to be held", "would be held", "is scheduled", "next year"),
)
"""Words saying a meeting has not yet taken place (so it is a plan, not a reported meeting)."""

HOSTED_BY = re.compile(
    r"由(?P<host>[^,，。]{2,12}?)(?:承办|主办)|hosted by (?:the )?(?P<host_en>[A-Z][\w ]{2,40})",
    re.IGNORECASE,
)
ACTIVE_HOLDER = re.compile(
    r"(?P<holder>[^,，。]{2,160}?)(?:\s+held\s+an?\s+[\w\s-]{0,30}?"
    r"(?:meeting|symposium|forum|conference)|在[^,，。]{1,10}(?:举行|召开))",
    re.IGNORECASE,
)
LOCATIVE = re.compile(
    r"\bin\b|\bat\b|\bvisit(?:ed|s|ing)?\b|在|于|赴|到|来|前往|抵达"
    r"|\b(?:delegation|went|go|goes|travel\w*|head\w*|flew|trip)\s+to\s+$",
    re.IGNORECASE,
)
"""Words before a place that say something happens or someone goes there ("in Hefei", "赴四川",
"a delegation to Chengdu")."""
THEME_MARKER = pattern(("主题",), ("theme", "themed"))

# Where a meeting's name ends when the model runs it on into the sentence ("…会议在某地举行").
NAME_RUN_ON_ZH = re.compile(
    r"(?:在|于)[^,，。]{1,20}?(?:举行|召开|举办|开幕)|(?:举行|召开|[,，。;；])"
)
CAPTION_POSITION = re.compile(
    r"[(（](?:前排|后排|後排)?[左右中](?:[一二三四五六七八九\d]|起)?[)）]"
    r"|\((?:left|right|centre|center|front|back)(?: row)?(?:,? (?:left|right|centre|center))?\)",
    re.IGNORECASE,
)
"""Where a photo caption places a person ("(右)", "(左二)", "(后排中)", "(left)"): never part
of a name."""
ORDINAL_EN = (
    r"(?:\d{1,3}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth|twentieth|(?:twenty|thirty)-(?:first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth))"
)
"""An English ordinal ("2nd", "sixth", "twenty-third"), as a regex fragment: it numbers a
meeting's session and is part of its name."""
BACK_REFERENCE = re.compile(
    r"^(?:[^,，。]{0,12}?[,，]\s*)?(?:本次|此次|这次|本届|此届|该次"
    r"|(?:the|this) (?:meeting|conference|forum|symposium|session|plenary|talks)\b|this year's\b)",
    re.IGNORECASE,
)
"""How a sentence opens when it goes on about the meeting the one before named ("本次会议…",
"此次会议…", "The meeting …"), after a date or place clause at most."""
NAME_LEAD_EN = re.compile(r"^(?:the|a|an)\s+(?:[\w-]+-day\s+)?|^[\w-]+-day\s+", re.IGNORECASE)
"""What opens an English phrase for a meeting without being part of its name: an article, a
duration ("the two-day symposium on …")."""
NAME_RUN_ON_EN = re.compile(
    r"\s+(?:was|were|is|are)\s+held\b|\s+held\s+(?:in|at|on)\b|\s+(?:on|in)\s+(?:[A-Z][a-z]+day\b"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b)|[,;.]\s"
)

# --- People ---------------------------------------------------------------------------------

HONORIFICS_EN = ("Mr", "Mrs", "Ms", "Miss", "Madam", "Dr", "Prof")
HONORIFICS_ZH = ("先生", "女士", "同志")
HONORIFIC_EN = r"(?:" + alternation(HONORIFICS_EN) + r")\.?"
"""An English honorific before a name ("Mr", "Mrs.", "Madam"), as a regex fragment."""

OFFICE_WORDS_ZH = (
    "副书记", "书记", "副省长", "省长", "副市长", "市长", "副区长", "区长", "副县长", "县长",
    "副州长", "州长", "副主席", "主席", "秘书长", "副主任", "主任", "厅长", "局长", "部长", "司长",
    "行政长官", "特首", "常委", "委员长", "委员", "代表", "团长", "副团长", "总理", "副总理",
    "党组书记", "署长", "处长", "会长", "董事长", "总经理", "领导",
)  # fmt: skip
OFFICE_WORDS_EN = (
    "secretary", "governor", "mayor", "chairman", "chairwoman", "chairperson", "director",
    "minister", "delegate", "delegates", "chief executive", "chief secretary", "commissioner",
    "president", "premier", "deputy", "vice", "head", "member", "leader", "leaders",
)  # fmt: skip
OFFICE_WORDS = pattern(OFFICE_WORDS_ZH, OFFICE_WORDS_EN)
"""Words of an office or title; in a "name" they prove it is a title, not a person."""

GROUP_WORDS_ZH = (
    "代表", "领导", "各方", "同志", "负责人", "嘉宾", "专家", "学者", "企业家", "群众", "记者",
    "人员", "一行", "等人", "双方", "各地", "干部", "市民", "师生", "员工", "居民",
)  # fmt: skip
GROUP_TITLE_WORDS_EN = ("leaders", "officials", "delegates", "representatives")
"""Group words that can title a list of members: "District leaders A, B and C"."""
GROUP_WORDS_EN = (
    *GROUP_TITLE_WORDS_EN, "parties", "delegation", "members", "guests", "experts", "comrades",
    "reporters", "journalists", "people", "all", "both sides", "residents", "staff",
    "entrepreneurs",
)  # fmt: skip
ORGANISATION_WORDS_ZH = (
    "省委", "市委", "区委", "县委", "大学", "学院", "学校", "公司", "集团", "银行", "委员会",
    "政府", "代表团", "办公室", "办公厅", "协会", "商会", "研究院", "研究所", "中心", "医院",
    "报社", "电视台", "日报", "新闻", "会议", "论坛", "部门", "机构", "企业", "人大", "政协",
    "党委",
)  # fmt: skip
ORGANISATION_ENDINGS_ZH = "省市区县州厅局组部处署办社院校委"
"""Last characters that make a Chinese "name" an organisation or place ("安庆市", "发改委办",
"省发改委")."""
PLACE_TYPE_WORDS_EN = (
    "region", "regions", "autonomous", "sar", "hksar", "msar", "special administrative",
    "prefecture", "municipality", "delta", "bay area", "economic circle", "economic zone",
    "new area", "river", "province", "provinces", "city", "district", "county",
)  # fmt: skip
"""Words of a kind of place: an English "name" holding one is a place, not a person ("Guangxi
Zhuang Autonomous Region", "Hong Kong SAR", "Pearl River Delta")."""
NON_NAME_WORD_CLASSES = frozenset({"v", "vn", "vd", "d", "j", "nt", "p", "c", "r", "m", "q", "u"})
"""Word classes (jieba's part-of-speech tags) of a dictionary word that is no person's name: a
verb (率领), an adverb (率团), an abbreviation (发改委), an organisation, a pronoun, a number or
measure (一行); a name a dictionary also knows as a noun or a place (江川) is not excluded."""
ORGANISATION_WORDS_EN = (
    "university", "college", "school", "company", "group", "bank", "committee", "government",
    "office", "bureau", "department", "association", "council", "institute", "centre", "center",
    "ltd", "limited", "corporation", "inc", "province", "city", "district", "county", "municipal",
    "provincial", "news", "daily", "agency", "commission", "ministry", "chamber", "foundation",
)  # fmt: skip
_SPEECH_VERBS_ZH = ("表示", "指出", "强调", "认为", "介绍", "发言", "讲话", "致辞", "出席", "参加")
NOT_A_PERSON = pattern(
    (
        *GROUP_WORDS_ZH,
        *ORGANISATION_WORDS_ZH,
        *OFFICE_WORDS_ZH,
        *MEETING_WORDS_ZH,
        *_SPEECH_VERBS_ZH,
    ),
    (
        *GROUP_WORDS_EN,
        *ORGANISATION_WORDS_EN,
        *OFFICE_WORDS_EN,
        *MEETING_WORDS_EN,
        *PLACE_TYPE_WORDS_EN,
    ),
)
"""Words that prove a "name" is a group, an organisation or a title, not one person."""

# A Chinese "name" starting with one of these is a clause fragment ("为团长", "由某某").
CLAUSE_LEAD_CHARS = "为由在与和及对向同将于把被从以并还又也"
CLAUSE_LEAD_SURNAMES = "于向"
"""Clause-opening characters that are also common surnames (于伟, 向明): a "name" starting with
one is a clause only when a place follows ("于北京", "向湖州")."""
# Words that open a clause before what it is about: "会后双方共同见证…协议签署".
CLAUSE_LEAD_WORDS = (
    "会后", "会上", "会前", "会议期间", "随后", "当天", "双方", "共同", "见证", "了",
)  # fmt: skip

SELF_REFERENCE = pattern(
    ("我省", "我市", "我区", "我州", "我县", "本省", "本市"),
    ("our province", "our city", "our region"),
)
"""Words by which an article names its own region ("我省党政代表团", "来我市考察"): a title with no
place of its own ("省委书记") in such an article is the reporting side's, not the venue's."""
COMING_TO = re.compile(
    r"(?:来|到|赴|访问|考察)(?:我|本)(?:省|市|区|州|县)|\b(?:to|visit(?:ed|ing)?) our\b", re.I
)
"""A visit to the reporting side ("来我省考察"): the reporting side is the host."""

CITED_LEADER = pattern(
    ("总书记", "重要讲话", "重要指示", "重要论述", "思想", "讲话精神", "指示精神", "批示"),
    ("general secretary", "thought on", "instructions", "important speech"),
)
"""A sentence citing a leader's words or thought: naming someone there is not taking part."""

NATIONAL_WORDS = pattern(
    ("全国", "中央", "国务院", "国家", "委员长", "总理", "中共中央"),
    ("national", "state council", "central", "premier", "npc standing"),
)
"""Words of a national office: its holder represents no province (region null)."""
NATIONAL_UNLESS_PLACED = pattern(("部长", "中国", "发展改革委"), ("ministry", "minister"))
"""Words of a national office when the title names no region: "商务部部长" is national,
"东岭省委宣传部部长" and "东岭市发展改革委副主任" are the region's."""

# Not 会见/会谈/座谈 for attending: those name a side meeting of their own (rule 22).
_ATTENDED_ZH = ("出席", "参加", "列席", "陪同", "一同", "参与", "考察", "见证")
_ATTENDED_EN_HINTS = ("attend", "attended", "attending", "present", "responded", "delegates",
                      "joined", "accompanied", "met", "witnessed")  # fmt: skip
# Read by the role rules only: in the anchors below they would change the cleaned text, and so
# what the model is asked (which needs the replay book re-recorded first).
# Not "participate(s|ing)": "enterprises participating in the initiative" is no attendance.
# A delegation's members attend what it attends ("A and B were in the delegation").
_IN_THE_DELEGATION_EN = ("in the delegation", "members of the delegation", "delegation members")
_ATTENDED_EN = (
    *_ATTENDED_EN_HINTS, *_IN_THE_DELEGATION_EN, "visited", "headed by", "led by", "participated",
    "take part", "takes part", "took part", "taking part", "in attendance", "attendees",
)  # fmt: skip
ATTENDING_VERBS = pattern(
    ("出席", "参加", "参与", "列席"),
    ("attended", "participated in", "took part in", "was present at", "were present at"),
)
"""Verbs whose object is an event someone attended ("出席了…联席会议")."""
_SPOKE_ZH_HINTS = ("发言", "讲话", "致辞", "表示", "说", "介绍", "回答", "指出", "强调", "谈到")
_SPOKE_EN_HINTS = ("spoke", "speech", "said", "says", "responded", "answered", "remarks",
                   "summed up", "introduced", "stated", "noted", "stressed", "addressed",
                   "delivered")  # fmt: skip
# Making a report is speaking (rule 43), so is relaying a speech to the meeting ("传达…讲话
# 精神"); rule-side only, like the attending words above.
_SPOKE_ZH = (*_SPOKE_ZH_HINTS, "通报", "作报告", "汇报", "传达")
# "某某称,…": 称 before a pause is "said" (not 名称, 称为, 称号).
_SAID_ZH = r"称(?=\s*[,，:：])"
_SPOKE_EN = (*_SPOKE_EN_HINTS, "reported", "made a report", "report on")
TALKS_OPENING = pattern(
    ("与", "同", "和", "会见", "会谈", "会面", "会晤", "座谈"),
    ("met", "meets", "meeting with", "held talks"),
)
"""What follows a person's name in the name of talks ("周明与李华会面", "周明会见代表团",
"Zhou Ming meets the Mayor"): such a name is the talks', not a sentence about the person."""
WHOLE_PROGRAMME = pattern(("有关活动", "相关活动", "系列活动"), ("the events", "the activities"))
"""Words for a visit's whole programme ("参加有关活动"): a person named with them took part in the
visit, not only in a meeting held during it; rule-side only."""
SPEECH_VERBS_EN = pattern(
    (), ("said", "says", "added", "noted", "stated", "stressed", "explained", "remarked")
)
"""Verbs that report speech and may stand before the speaker ('"…," said Zhou Ming');
rule-side only."""
SAR_OFFICE = pattern(
    ("行政长官", "特首", "政务司", "财政司", "律政司", "司长", "局长"),
    ("chief executive", "chief secretary", "financial secretary", "secretary for"),
)
"""Offices of a special administrative region's government: their holder is Hong Kong's or
Macao's, whichever the article names."""

ROLE_WORDS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    # Rule-side only: "与会的…", "…与代表们座谈", "met with" (the hints above shape the prompts).
    (
        Role.ATTENDED,
        pattern(
            (*_ATTENDED_ZH, "与会", "座谈", "会见", "会谈", "会面"), (*_ATTENDED_EN, "met with")
        ),
    ),
    (Role.SPOKE, re.compile(rf"{pattern(_SPOKE_ZH, _SPOKE_EN).pattern}|{_SAID_ZH}", re.I)),
    (Role.PRESIDED, pattern(("主持",), ("presided", "chaired", "co-chaired", "hosted"))),
    (
        Role.LED_DELEGATION,
        re.compile(
            # "率团", "率领…代表团", "率东岭省党政代表团" (not 效率, 频率 before a delegation)
            r"率团|(?<![效频概比税汇利速])率领?[^,，。；;]{0,12}?代表团|带队"
            r"|\b(?:led|lead(?:s|ing)?|head(?:s|ed|ing)?)\s+(?:a|an|the|their|his|her)\b.{0,40}"
            r"\bdelegations?"
            r"|\bdelegations?\b.{0,40}\b(?:was\s+|were\s+)?(?:led|headed)\s+by\b",
            re.I,
        ),
    ),
    (Role.SIGNED, pattern(("签署", "签约", "签订"), ("signed", "inked"))),
    (Role.INVITED, pattern(("应邀",), ("invited",))),
)

# --- Decisions ------------------------------------------------------------------------------

NEXT_MEETING_WORDS = pattern(
    ("承办", "举办地", "轮值", "下一届", "下届", "下一次", "下次"),
    ("hosted by", "will be held", "to be held", "would be held", "will host", "next meeting",
     "next session", "next plenary", "next symposium", "next conference", "next joint"),
)  # fmt: skip
SIGNABLE_ZH = ("协议", "协定", "备忘录", "合同")
SIGNABLE = pattern(
    SIGNABLE_ZH,
    ("agreement", "agreements", "memorandum", "memoranda", "memorandums", "accord", "accords",
     "protocol", "protocols", "contract", "contracts"),
)  # fmt: skip
"""What is signed, named without a title ("合作协议", "a port cooperation agreement")."""
SIGNED_WORDS = pattern(("签署", "签订", "签约", "签定"), ("signed", "inked", "signing"))
ADOPTED_WORDS = re.compile(
    r"(?<!原则)通过(?!视频|网络|线上|远程|连线)|原则(?:上)?通过|批准"
    r"|\b(?:adopted|approved|passed|endorsed|ratified)\b",
    re.IGNORECASE,
)
"""Adopting a document ("通过视频连线" is "by video link", not an adoption)."""
APPROVING_VERBS_ZH = ("批准", "同意")
ESTABLISHING_VERBS_ZH = ("成立", "设立", "组建", "增设")
ESTABLISHING_EN = (
    r"\b(?:approved|agreed\s+(?:on|to))\s+(?:the\s+)?"
    r"(?:establishment\s+of|establishing|setting\s+up(?:\s+of)?|set\s+up|establish|creation\s+of)"
)
APPROVED_ESTABLISHING = re.compile(
    "(?:"
    + alternation(APPROVING_VERBS_ZH)
    + ")(?:了)?(?:"
    + alternation(ESTABLISHING_VERBS_ZH)
    + ")|"
    + ESTABLISHING_EN,
    re.IGNORECASE,
)
"""An approval to set up a body, a committee or a study ("批准成立…委员会", "approved the
establishment of …"): an agreed decision, one per item named (rule 60); rule-side only."""
CONSIDERED_WORDS = pattern(
    ("审议", "讨论", "研究"), ("deliberated", "reviewed", "discussed", "considered")
)
"""A document considered: a decision only when it is also adopted."""
AGREED_WORDS = pattern(
    ("同意", "商定", "决定", "确定", "议定", "一致认为"), ("agreed", "decided", "determined")
)
AGREED_INTENT = pattern(
    ("加强", "深化", "推动", "推进", "加快", "继续", "进一步", "重点工作", "重点任务", "努力"),
    ("continue", "continued", "strengthen", "deepen", "promote", "enhance", "expedite",
     "step up", "further", "focus", "work together", "push forward", "initiatives", "tasks",
     "priorities"),
)  # fmt: skip
"""What an "agreed" clause goes on to when it states an intent, a priority or a list of tasks
("agreed to continue the partnership", "议定了六项重点工作:加强…"), which is no decision
(rule 24); rule-side only."""
IN_PRINCIPLE = pattern(("原则通过", "原则上通过"), ("in principle",))
HEARD_REPORT = pattern(("听取",), ("heard", "was presented", "were presented", "briefed"))
# The hint forms are fixed with the replay book (they are cleaning anchors, below).
_DOCUMENT_ZH_HINTS = (
    "方案", "计划", "规划", "纪要", "协议", "要点", "清单", "意见", "措施", "宣言", "倡议",
    "备忘录", "框架", "办法", "纲要", "报告", "协定", "合约", "章程", "决议", "公约", "行动",
)  # fmt: skip
_DOCUMENT_EN_HINTS = (
    "plan", "agreement", "summary", "memorandum", "list", "programme", "program", "outline",
    "declaration", "initiative", "measures", "opinions", "framework", "charter", "protocol",
    "minutes", "accord", "report", "arrangement", "agenda", "mou", "action",
)  # fmt: skip
DOCUMENT_WORDS_ZH = (*_DOCUMENT_ZH_HINTS, "制度", "细则", "协作书", "合作书")
DOCUMENT_WORDS = pattern(DOCUMENT_WORDS_ZH, _DOCUMENT_EN_HINTS)
"""Words saying a quoted phrase is a document's title (a theme or a slogan is not)."""

ELECTED_OFFICES_ZH = ("团长", "主任", "主席", "组长", "秘书长", "会长", "召集人")
ELECTING_VERBS_ZH = ("推选", "选举", "推举", "选出")
ELECTED_OFFICES_EN = ("head", "heads", "chairman", "chairwoman", "chairperson", "director",
                      "secretary-general", "convener", "leader")  # fmt: skip
ELECTING_WORDS = pattern(ELECTING_VERBS_ZH, ("elected",))
"""A body electing its own officers at its meeting (推选…为团长, "was elected as head"): an
`agreed` decision per office (rule 60). Rule-side only: not a cleaning anchor (see below)."""

RESOLUTION_KIND_ORDER = (
    ResolutionKind.SIGNED,
    ResolutionKind.ADOPTED,
    ResolutionKind.NEXT_MEETING,
    ResolutionKind.AGREED,
)

# --- Page furniture --------------------------------------------------------------------------

# The anchors decide which paragraphs the model is shown, so they are fixed with the replay book:
# they take the hint forms of the role words (the role rules above may grow without changing what
# the model is asked). Change them only together with `make replay`.
_ROLE_HINTS = (
    pattern(_ATTENDED_ZH, _ATTENDED_EN_HINTS),
    pattern(_SPOKE_ZH_HINTS, _SPOKE_EN_HINTS),
    pattern(("主持",), ("presided", "chaired", "co-chaired", "hosted")),
    re.compile(r"率团|率领.{0,10}代表团|带队|\bled\s+(?:a|the)\b.{0,40}\bdelegation", re.I),
    pattern(("签署", "签约", "签订"), ("signed", "inked")),
    pattern(("应邀",), ("invited",)),
)
ANCHOR_WORDS = re.compile(
    "|".join(
        p.pattern
        for p in (
            MEETING_WORDS, HELD_WORDS, OFFICE_WORDS, SIGNED_WORDS, ADOPTED_WORDS, AGREED_WORDS,
            NEXT_MEETING_WORDS, pattern(_DOCUMENT_ZH_HINTS, _DOCUMENT_EN_HINTS), *_ROLE_HINTS,
        )
    ),
    re.IGNORECASE,
)  # fmt: skip
"""A paragraph with none of these words (and no region or date) names nothing to extract."""
