"""Short articles written for the tests (invented events and people; not from the seeds)."""

import json
from typing import Any

from tests.scripted_server import Step

ENGLISH = """Published: 2030-05-20
The 2030 Green Corridor Cooperation Symposium was held in Hangzhou, Zhejiang on May 19. \
Li Mingyuan, Governor of Zhejiang, presided over the symposium, and Zhou Hanqing, Mayor of \
Shanghai, attended and spoke. The symposium signed the "Green Corridor Joint Protection \
Agreement". The leaders agreed that the 2031 symposium will be hosted by Anhui.
Related news: Hangzhou opens a new metro line
"""

CHINESE = """2030年示例区域合作联席会议在长沙举行
发布时间:2030-08-16 10:00
15日,2030年示例区域合作联席会议在湖南长沙举行。江西省委副书记、省长陈立华率团出席会议并发言。\
会议签署了《示例区域数据共享合作协议》。会议商定,2031年联席会议由江西省承办。
相关新闻
长沙发布暴雨预警
"""


# What a model would answer to each of the pipeline's three questions about CHINESE.
ANSWERS = {
    "meetings": {
        "meetings": [
            {
                "quote": "15日,2030年示例区域合作联席会议在湖南长沙举行。",
                "name": "2030年示例区域合作联席会议",
                "kind": "joint_meeting",
                "start_date": "2030-08-15",
                "end_date": "2030-08-15",
                "city": "长沙",
                "province": "湖南",
                "theme": None,
                "participants": ["湖南", "江西"],
            }
        ]
    },
    "officials": {
        "officials": [
            {
                "name": "陈立华",
                "titles": ["江西省委副书记", "省长"],
                "region": "江西",
                "meetings": [1],
            }
        ]
    },
    "resolutions": {
        "resolutions": [
            {
                "quote": "2031年联席会议由江西省承办",
                "meeting": 1,
                "kind": "next_meeting",
                "title": "2031年联席会议由江西省承办",
                "in_principle": False,
                "next_host": "江西省",
                "next_year": 2031,
            }
        ]
    },
}


def answer_for(body: dict[str, Any]) -> Step:
    """The scripted server's answer to one of the pipeline's questions, chosen by its schema."""
    question = next(iter(body["response_format"]["schema"]["properties"]))
    return Step(content=json.dumps(ANSWERS[question], ensure_ascii=False))
