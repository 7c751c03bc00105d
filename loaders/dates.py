"""Deadline normalisation: printed deadline -> YYYY-MM-DD, 'ongoing' or None."""
from __future__ import annotations

import calendar
import re

from .lexicon import lexicon

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s: str) -> int | None:
    """Arabic or Chinese numerals up to 9999 (十二, 二十一, 二〇二二)."""
    if s.isdigit():
        return int(s)
    if s and all(ch in _CN_DIGITS for ch in s):  # 二〇二二: digit by digit
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total, current = 0, 0
    units = {"十": 10, "百": 100, "千": 1000}
    for ch in s:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in units:
            total += (current or 1) * units[ch]
            current = 0
        else:
            return None
    return total + current


_NUM = r"[0-9]+|[〇零○一二两三四五六七八九十]+"
_FULL_DATE = re.compile(rf"(?P<y>{_NUM})年(?P<m>{_NUM})月(?P<d>{_NUM})日")
_MONTH = re.compile(rf"(?:(?P<y>{_NUM})年)?(?P<m>{_NUM})月(?:份)?(?P<when>底|末|中旬|上旬|下旬|前|)")
_YEAR_END = re.compile(rf"(?P<y>{_NUM})年(?:年)?(?:底|末|前|内|全年)")
_HALF = re.compile(rf"(?:(?P<y>{_NUM})年)?(?P<h>上半年|下半年|年中)")
_QUARTER = re.compile(rf"(?:(?P<y>{_NUM})年)?第?(?P<q>[一二三四1-4])季度")
_BARE_YEAR_END = re.compile(r"年底|年末|年内|今年")
_YEAR_ONLY = re.compile(r"(?P<y>20[0-9]{2})年")


def _year(raw: str | None, doc_year: int | None) -> int | None:
    if raw:
        y = cn_number(raw)
        if y is not None and y < 100:
            y += 2000
        return y
    return doc_year


def _iso(y: int | None, m: int, d: int | None = None) -> str | None:
    if y is None or not 1 <= m <= 12:
        return None
    last = calendar.monthrange(y, m)[1]
    d = last if d is None else min(d, last)
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_deadline(text: str, doc_year: int | None) -> str | None:
    """Normalise a deadline as printed. A date beside 持续推进 wins."""
    m = _FULL_DATE.search(text)
    if m:
        return _iso(_year(m["y"], doc_year), cn_number(m["m"]) or 0, cn_number(m["d"]))
    m = _MONTH.search(text)
    if m and cn_number(m["m"]):
        month = cn_number(m["m"]) or 0
        day = {"中旬": 20, "上旬": 10}.get(m["when"])
        return _iso(_year(m["y"], doc_year), month, day)
    m = _HALF.search(text)
    if m:
        return _iso(_year(m["y"], doc_year), 6 if m["h"] in ("上半年", "年中") else 12)
    m = _QUARTER.search(text)
    if m:
        q = cn_number(m["q"]) or 4
        return _iso(_year(m["y"], doc_year), q * 3)
    m = _YEAR_END.search(text)
    if m:
        return _iso(_year(m["y"], doc_year), 12)
    if _BARE_YEAR_END.search(text):
        return _iso(doc_year, 12)
    if any(w in text for w in lexicon().words("ongoing_words")):
        return "ongoing"
    m = _YEAR_ONLY.search(text)
    if m:
        return _iso(int(m["y"]), 12)
    return None
