"""Reading a place's free-text opening hours and amenities into rows that can be searched ("open at 21:30",
"has 充电"). Pure functions, no database: place_save and the data migration use them.

Hours are written by hand in many ways (周一至周五 8:30-17:30；周六 9:00-12:00, 每天 8:00-12:00、14:00-18:00,
全天, 24小时 …). What cannot be read gives no periods, so an unreadable text never makes a place count as
open; the text itself is kept and shown as it was written.
"""

import re
from datetime import time

DAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
ALL_WEEK = tuple(range(7))
MIDNIGHT = time(0)

_DASH = r"\s*[-—–~～至到]\s*"
_TIME = r"(\d{1,2})\s*[:：]\s*(\d{2})"
_TIME_RANGE = re.compile(_TIME + _DASH + _TIME)
_DAY = r"(?:周|星期|礼拜)([一二三四五六日天七])"
_DAY_RANGE = re.compile(_DAY + r"(?:" + _DASH + r"(?:周|星期|礼拜)?([一二三四五六日天七]))?")
_SEGMENTS = re.compile(r"[;；,，\n]+")
_ALL_DAY = re.compile(r"全天|24\s*小时|二十四小时|24h", re.IGNORECASE)
_EVERY_DAY = re.compile(r"每天|每日|天天|全年|全周")
_WORKDAYS = re.compile(r"工作日")
_WEEKEND = re.compile(r"周末|双休日")


def _days(segment: str) -> tuple[int, ...] | None:
    """The weekdays a segment names, or None when it names none (then it means every day)."""
    days: set[int] = set()
    for first, last in _DAY_RANGE.findall(segment):
        start = DAY_CHARS[first]
        end = DAY_CHARS[last] if last else start
        if end < start:  # 周六至周二: round the week's end
            days.update(range(start, 7))
            days.update(range(0, end + 1))
        else:
            days.update(range(start, end + 1))
    if _WORKDAYS.search(segment):
        days.update(range(5))
    if _WEEKEND.search(segment):
        days.update((5, 6))
    if not days and _EVERY_DAY.search(segment):
        return ALL_WEEK
    return tuple(sorted(days)) if days else None


def _time(hours: str, minutes: str) -> time | None:
    h, m = int(hours), int(minutes)
    if h == 24 and m == 0:
        return MIDNIGHT
    if not (0 <= h <= 23 and 0 <= m <= 59):
        return None
    return time(h, m)


def hours_parse(text: str) -> list[tuple[int, time, time]]:
    """The opening periods ``(weekday, opens, closes)`` in ``text`` (weekday 0 is Monday; ``closes``
    00:00 is midnight). A period past midnight (22:00-6:00) is split at midnight into two days' periods.
    Segments that name no time are skipped; a text with nothing readable gives []."""
    periods: set[tuple[int, time, time]] = set()
    for segment in _SEGMENTS.split(text or ""):
        segment = segment.strip()
        if not segment or re.search(r"休息|闭馆|不开放", segment) and not _TIME_RANGE.search(segment):
            continue
        days = _days(segment) or ALL_WEEK
        ranges = []
        if _ALL_DAY.search(segment):
            ranges.append((MIDNIGHT, MIDNIGHT))
        for h1, m1, h2, m2 in _TIME_RANGE.findall(segment):
            opens, closes = _time(h1, m1), _time(h2, m2)
            if opens is None or closes is None or opens == closes:
                continue
            ranges.append((opens, closes))
        for day in days:
            for opens, closes in ranges:
                if closes != MIDNIGHT and closes < opens:
                    periods.add((day, opens, MIDNIGHT))
                    periods.add(((day + 1) % 7, MIDNIGHT, closes))
                else:
                    periods.add((day, opens, closes))
    return sorted(periods)


# Words people write for each amenity (the codes of PlaceAmenity), longest first where one contains another.
AMENITY_WORDS = {
    "water": ("饮水", "热水", "开水", "饮用水", "喝水", "茶水"),
    "charging": ("充电",),
    "pump": ("打气筒", "打气", "充气"),
    "hot_meal": ("热饭", "微波炉", "加热"),
    "rest": ("休息",),
    "toilet": ("卫生间", "厕所", "洗手间"),
    "first_aid": ("应急药箱", "药箱", "医药箱", "急救"),
    "wifi": ("wifi", "无线网", "上网"),
    "shelter": ("纳凉", "取暖", "避暑", "空调"),
}


def amenities_parse(text: str) -> list[str]:
    """The amenity codes a free-text list names, in the fixed list's order; unknown words are left out."""
    text = (text or "").lower()
    return [code for code, words in AMENITY_WORDS.items() if any(word in text for word in words)]
