"""Short articles written for the tests (invented events and people; not from the seeds)."""

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
