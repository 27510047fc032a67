"""A title read as what it is: the organ an office belongs to and the post held in it.

"Chairman of the Northland CPPCC" is the chair of an advisory body, not a government's head,
although "Chairman" alone would be; "市政协主席" likewise. So a title is parsed into its organ
(party committee, government, people's congress standing committee, CPPCC, a party group or
discipline body, a department, a SAR's government, a national body) and its post (secretary,
deputy secretary, head, deputy head, secretary-general, member), in English and in Chinese (read
in simplified characters), and the rank follows from the two together (`RANKS`), never from the
first keyword found. Which region a title names is `normalize.region_code`'s business.

Chinese writes the organ before the post ("省人大常委会主任": organ 人大常委会, post 主任), English
the post before the organ ("Director of the Standing Committee of the X People's Congress"); a
post is looked for at the end of a Chinese title and at the start of an English one, and the
organ in the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from extract.lexicon import words
from extract.lexicon.segments import is_clause_word, words_with_classes
from schemas.models import Rank
from schemas.names import to_simplified


class Organ(StrEnum):
    """The body an office belongs to."""

    PARTY_COMMITTEE = "party_committee"  # 省委, 市委, 党工委, "Provincial Party Committee"
    PARTY_ORGAN = "party_organ"  # 党组, 纪委, 政法委, 组织部: a party body inside another
    GOVERNMENT = "government"  # 省政府, "Municipal People's Government", 自治区
    LEGISLATURE = "legislature"  # 人大常委会, "Standing Committee of the People's Congress"
    ADVISORY = "advisory"  # 政协, CPPCC
    SAR_GOVERNMENT = "sar_government"  # 行政长官, 司长, "Secretary for …"
    DEPARTMENT = "department"  # 发改委, 厅, 局, 办公室, a commission, a centre, a federation
    STATE = "state"  # 国家主席, 国务院, 总理: the state itself
    MECHANISM = "mechanism"  # 联席会议执行主席, "Executive Chairman of the Joint Conference"
    UNKNOWN = "unknown"


class Post(StrEnum):
    """What the holder is in that body."""

    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    HEAD = "head"
    DEPUTY_HEAD = "deputy_head"
    SECRETARY_GENERAL = "secretary_general"
    MEMBER = "member"
    OTHER = "other"


@dataclass(frozen=True)
class ParsedTitle:
    organ: Organ
    post: Post

    @property
    def rank(self) -> Rank:
        return RANKS.get((self.organ, self.post)) or _UNQUALIFIED.get(self.post, Rank.OTHER)


RANKS: dict[tuple[Organ, Post], Rank] = {
    (Organ.PARTY_COMMITTEE, Post.SECRETARY): Rank.PARTY_SECRETARY,
    (Organ.PARTY_COMMITTEE, Post.DEPUTY_SECRETARY): Rank.DEPUTY_PARTY_SECRETARY,
    (Organ.GOVERNMENT, Post.HEAD): Rank.GOVERNMENT_HEAD,
    (Organ.GOVERNMENT, Post.DEPUTY_HEAD): Rank.DEPUTY_GOVERNMENT_HEAD,
    (Organ.SAR_GOVERNMENT, Post.HEAD): Rank.GOVERNMENT_HEAD,
    (Organ.LEGISLATURE, Post.HEAD): Rank.LEGISLATURE_HEAD,
}
"""Rank by organ and post; every other pair is `other` (a CPPCC chair, a department's head, a
party group's secretary, a people's congress's vice-chair), except as `_UNQUALIFIED` says."""

_UNQUALIFIED: dict[Post, Rank] = {Post.SECRETARY_GENERAL: Rank.SECRETARY_GENERAL}
"""Posts whose rank holds in any organ: a secretary-general (rule 20)."""

# --- Chinese (simplified) -----------------------------------------------------------------

_ZH_POSTS: tuple[tuple[Post, str], ...] = (
    (Post.SECRETARY_GENERAL, r"副?秘书长"),
    (Post.DEPUTY_SECRETARY, r"副书记"),
    (Post.SECRETARY, r"书记"),
    (
        Post.DEPUTY_HEAD,
        r"常务副\w{1,2}长|副(?:省长|市长|区长|县长|州长|主席|主任|委员长|盟长|旗长)",
    ),
    (Post.HEAD, r"代?(?:省长|市长|区长|县长|州长|主席|主任|委员长|盟长|旗长|行政长官|特首)"),
    (Post.MEMBER, r"常委|委员"),
)
_ZH_POST = re.compile(
    "(?:" + "|".join(f"(?P<{post.name}>{pattern})" for post, pattern in _ZH_POSTS) + r")$"
)
# Checked in this order on the words before the post: the innermost body named there wins.
_ZH_ORGANS: tuple[tuple[Organ, re.Pattern[str]], ...] = (
    (
        Organ.MECHANISM,
        re.compile(r"(?:联席会议?|会议|论坛|协调会|理事会|大会)?执行$|联席会议?$|论坛$"),
    ),
    (Organ.PARTY_COMMITTEE, re.compile(r"(?:省委|市委|区委|县委|州委|盟委|旗委|党委|党工委)$")),
    (
        Organ.PARTY_ORGAN,
        re.compile(r"(?:党组|纪委|纪工委|监委|政法委|组织部|宣传部|统战部|(?<!党)工委)$"),
    ),
    (Organ.ADVISORY, re.compile(r"政协(?:\w{0,6}委员会)?$|政协")),
    (
        Organ.LEGISLATURE,
        re.compile(r"人大常委会$|人大常务委员会$|人大$|人民代表大会(?:常务委员会)?$"),
    ),
    (Organ.SAR_GOVERNMENT, re.compile(r"特区(?:政府)?$|^$(?=行政长官)")),
    (
        Organ.DEPARTMENT,
        re.compile(
            r"(?:委员会|发改委|发展改革委|经信委|\w委|厅|局|办|办公室|署|中心|联合会|协会|工商联|研究院)$"
        ),
    ),
    (Organ.STATE, re.compile(r"^(?:国家|国务院|中央人民政府)$")),
    (Organ.GOVERNMENT, re.compile(r"政府$|^$|(?:省|市|区|县|州|自治区|盟|旗)$")),
)


def _parse_chinese(title: str) -> ParsedTitle:
    simple = to_simplified("".join(title.split()))
    found = _ZH_POST.search(simple)
    if found is None:
        return ParsedTitle(Organ.UNKNOWN, Post.OTHER)
    post = Post[found.lastgroup or "OTHER"]
    before = simple[: found.start()]
    if post is Post.HEAD and found.group(0).endswith(("行政长官", "特首")):
        return ParsedTitle(Organ.SAR_GOVERNMENT, post)
    if post is Post.MEMBER and before.endswith("常委会"):  # "人大常委会委员": a member
        return ParsedTitle(Organ.LEGISLATURE, post)
    organ = next((o for o, pattern in _ZH_ORGANS if pattern.search(before)), Organ.UNKNOWN)
    if post in (Post.SECRETARY, Post.DEPUTY_SECRETARY) and organ in _NOT_A_PARTY_BODY:
        organ = Organ.PARTY_COMMITTEE  # 书记 with no body named is a party committee's
    return ParsedTitle(_organ_of_bare_head(organ, found.group(0)), post)


_NOT_A_PARTY_BODY = (Organ.GOVERNMENT, Organ.UNKNOWN)


_GOVERNMENT_POSTS = ("省长", "市长", "区长", "县长", "州长", "主席", "盟长", "旗长")


def _organ_of_bare_head(organ: Organ, post: str) -> Organ:
    """The body of a head's post written with no body before it, or only a place ("广东省长"):
    省长, 市长, 自治区主席 head a government; 委员长 a people's congress; a bare 主任 a department
    or an office."""
    if organ not in (Organ.GOVERNMENT, Organ.UNKNOWN):
        return organ
    word = post.removeprefix("代").removeprefix("常务").removeprefix("第一").removeprefix("副")
    if word == "主任":
        return Organ.DEPARTMENT
    if word == "委员长":
        return Organ.LEGISLATURE
    return Organ.GOVERNMENT if word in _GOVERNMENT_POSTS else organ


# --- English --------------------------------------------------------------------------------

_PEOPLES = r"people[’'`ʼ]?s"
_EN_ORGANS: tuple[tuple[Organ, re.Pattern[str]], ...] = (
    (
        Organ.MECHANISM,
        re.compile(r"^executive (?:vice )?chair|joint (?:conference|meeting)|\bforum\b", re.I),
    ),
    (
        Organ.PARTY_ORGAN,
        re.compile(
            r"leading party (?:members[’'`ʼ]? )?group|party (?:leadership )?group"
            r"|discipline inspection|political and legal affairs|organi[sz]ation department",
            re.I,
        ),
    ),
    (Organ.ADVISORY, re.compile(r"\bcppcc\b|political consultative", re.I)),
    (
        Organ.LEGISLATURE,
        re.compile(rf"{_PEOPLES}\s+congress|\bnpc\b|\blegislative council\b|\bcongress\b", re.I),
    ),
    (
        Organ.SAR_GOVERNMENT,
        re.compile(r"chief executive|secretary for|chief secretary|financial secretary", re.I),
    ),
    (
        Organ.STATE,
        re.compile(r"state council|\bpremier\b|president of (?:the )?(?:people|china)", re.I),
    ),
    (
        Organ.DEPARTMENT,
        re.compile(
            r"\b(?:commission|department|bureau|office|administration|center|centre|federation"
            r"|association|institute|ministry|agency|authority|group)\b",
            re.I,
        ),
    ),
    (
        Organ.PARTY_COMMITTEE,
        re.compile(
            r"party|\bcpc\b|communist|work committee"
            r"|(?:provincial|municipal|district|county|prefecture|regional) committee",
            re.I,
        ),
    ),
    (
        Organ.GOVERNMENT,
        re.compile(r"government|governor|mayor|autonomous region|province|city|municipal", re.I),
    ),
)
_EN_POSTS: tuple[tuple[Post, re.Pattern[str]], ...] = (
    (Post.SECRETARY_GENERAL, re.compile(r"^(?:deputy |vice )?secretary[- ]general\b", re.I)),
    (
        Post.DEPUTY_SECRETARY,
        re.compile(r"^(?:deputy|vice)(?: party)? secretary\b|^deputy party chief", re.I),
    ),
    (
        Post.DEPUTY_HEAD,
        re.compile(
            r"^(?:executive |first )?(?:vice|deputy)[- ](?:governor|mayor"
            r"|chair(?:man|woman|person)?|director|chief executive|president|head)\b",
            re.I,
        ),
    ),
    (
        Post.HEAD,
        re.compile(
            r"^(?:acting )?(?:governor|mayor|chair(?:man|woman|person)?|director|chief executive"
            r"|president|head|premier)\b",
            re.I,
        ),
    ),
    (Post.SECRETARY, re.compile(r"^(?:party )?(?:secretary|chief)\b", re.I)),
    (Post.MEMBER, re.compile(r"^member\b|^standing committee member\b", re.I)),
)
# Words before the post that only say where the office is: "Jiangxi Governor", "Party Secretary".
_EN_POST_WORDS = (
    r"(?:executive |first |acting )?(?:vice |deputy )?(?:party )?"
    r"(?:secretary|chief|governor|mayor|chair(?:man|woman|person)?|director|head|president|premier"
    r"|member|standing)\b"
)
_EN_LEAD = re.compile(
    rf"^(?:the\s+)?(?:(?:[A-Z][\w’'-]*|of|and)\s+){{0,3}}?(?={_EN_POST_WORDS})", re.I
)


def _parse_english(title: str) -> ParsedTitle:
    text = " ".join(title.split())
    lead = _EN_LEAD.match(text)
    rest = text[lead.end() :] if lead else text
    post = next((p for p, pattern in _EN_POSTS if pattern.search(rest)), Post.OTHER)
    organ = next((o for o, pattern in _EN_ORGANS if pattern.search(text)), Organ.UNKNOWN)
    if organ is Organ.UNKNOWN:
        organ = _organ_of_a_bare_english_post(rest)
    if re.match(r"^chief executive\b", rest, re.I):
        organ = Organ.SAR_GOVERNMENT
    if organ is Organ.SAR_GOVERNMENT and re.match(r"^secretary\b", rest, re.I):
        post = Post.OTHER  # "Secretary for Justice": a SAR's minister
    if (
        organ is Organ.LEGISLATURE
        and post is Post.MEMBER
        and "standing committee" not in rest.lower()
    ):
        post = Post.OTHER
    return ParsedTitle(organ, post)


def _organ_of_a_bare_english_post(post: str) -> Organ:
    """The body a post written alone belongs to: a governor's, a mayor's or a chairman's is a
    government (rule 20), a secretary's a party committee; a director's is unknown."""
    if re.match(r"^(?:\w+ )?(?:vice |deputy )?(?:governor|mayor|chair)", post, re.I):
        return Organ.GOVERNMENT
    if re.match(r"^(?:deputy |vice )?(?:party )?secretary\b", post, re.I):
        return Organ.PARTY_COMMITTEE
    return Organ.UNKNOWN


def parse_title(title: str) -> ParsedTitle:
    """The organ and post of one title, in either language."""
    if re.search(r"[\u4e00-\u9fff]", title):
        return _parse_chinese(title)
    return _parse_english(title)


def rank_of_title(title: str) -> Rank:
    """The normalised rank of a title in either language; `other` when the organ and post
    give no higher one."""
    return parse_title(title).rank


# How far into a title the clause copied before it may reach ("会议听取了" is five characters).
_CLAUSE_LEAD_LIMIT = 8


def without_clause_lead(title: str) -> str:
    """A Chinese title without the words of the sentence the model copied before it ("包括东岭
    省省长" -> "东岭省省长", "陪同的省委常委" -> "省委常委", "会议由论坛执行主席" -> "论坛执行
    主席", "会议听取了东岭党委常委" -> "东岭党委常委"). The cut is made after a clause word
    (`segments.is_clause_word`) near the start, the furthest one after which the title still
    reads as the same organ and post: the 执行 of "执行主席" (a mechanism's executive chair)
    stays, and the 经 of "经济委员会" is no word of its own."""
    if not re.search(r"[\u4e00-\u9fff]", title) or len(to_simplified(title)) != len(title):
        return title
    whole = _parse_chinese(title)
    if whole.post is Post.OTHER:
        return title
    cut = offset = 0
    for word, word_class in words_with_classes(to_simplified(title)):
        offset += len(word)
        if offset > _CLAUSE_LEAD_LIMIT:
            break
        if is_clause_word(word, word_class) and _parse_chinese(title[offset:]) == whole:
            cut = offset
    return title[cut:]


# "Zhou Ming as Vice Chairman" (an election's list): the name and "as" before the title.
_EN_NAME_AS = re.compile(r"^(?:[A-Z][\w'’-]*,?\s+){1,4}as\s+(?=\S)")
_EN_CLAUSE_AFTER = re.compile(r",?\s+(?:was|were|is|are|has|have|had|who|which|that)\b")


def english_title_alone(title: str) -> str:
    """An English title without the sentence the model copied around it: a name and "as"
    before it ("Zhou Ming as Vice Chairman"), a verb and what follows ("Secretary of the X
    Committee spoke at the forum"), a full stop after it."""
    if re.search(r"[\u4e00-\u9fff]", title):
        return title
    title = _EN_NAME_AS.sub("", title.strip())
    ends = [m.start() for _, p in words.ROLE_WORDS for m in [p.search(title)] if m and m.start()]
    clause = _EN_CLAUSE_AFTER.search(title)
    cut = min([*ends, *([clause.start()] if clause else [])], default=len(title))
    return title[:cut].rstrip(" .,;:") or title
