"""Deadline normalisation: printed deadline -> YYYY-MM-DD, 'ongoing' or None."""
from __future__ import annotations

import calendar
import datetime
import re

from .lexicon import lexicon

def cn_number(s: str) -> int | None:
    """Arabic or Chinese numerals up to 9999 (十二, 二十一, 一百, 二〇二二); the
    numeral class is the lexicon's (cn_digits, cn_multipliers)."""
    lx = lexicon()
    digits, multipliers = lx.data["cn_digits"], lx.data["cn_multipliers"]
    if s.isdigit():
        return int(s)
    if s and all(ch in digits for ch in s):  # 二〇二二: digit by digit
        return int("".join(str(digits[ch]) for ch in s))
    total, current = 0, 0
    for ch in s:
        if ch in digits:
            current = digits[ch]
        elif ch in multipliers:
            total += (current or 1) * multipliers[ch]
            current = 0
        else:
            return None
    return total + current


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


def _holiday(m: re.Match, doc_year: int | None) -> str | None:
    """2025年春节前 -> 2025-01-28, 国庆节前 -> the document's year's 09-30,
    2025年中秋节前 -> 2025-10-05 (a lunar holiday's date by year is data)."""
    lx = lexicon()
    year = _year(m["y"], doc_year)
    day = lx.data["holidays"][m["h"]]
    if day == "lunar":
        day = lx.data["lunar_holidays"][m["h"]].get(year)
    if year is None or day is None:
        return None
    date = datetime.date(year, *map(int, day.split("-")))
    if m["before"]:
        date -= datetime.timedelta(days=1)
    return date.isoformat()


def _numeric_as_text(m: re.Match) -> str:
    """2024.6 -> 2024年6月, 2024-06-30 -> 2024年6月30日 (the forms the patterns read)."""
    numbers = [str(int(n)) for n in re.findall(r"[0-9]+", m.group())]
    return lexicon().data["numeric_date_as_text"][len(numbers) - 2].format(*numbers)


def five_year_plan_years(text: str) -> tuple[int, int] | None:
    """The first and last year of the five-year plan `text` names (“十四五”教育事业发展
    规划 -> 2021, 2025), or None."""
    lx = lexicon()
    m = lx.named("five_year_plan_pattern").search(text)
    if m is None:
        return None
    n = cn_number(lx.named("five_year_plan_number_pattern").search(m.group()).group())
    end = lx.data["five_year_plan_end"]["base"] + lx.data["five_year_plan_end"]["step"] * n
    return end - lx.data["five_year_plan_end"]["step"] + 1, end


def _plan_end_as_text(m: re.Match) -> str:
    """“十四五”期间 -> 2025年底: the last year of that five-year plan. (The plan's
    number is searched for again rather than captured: the period pattern is
    part of deadline_date, used twice in one regex, where a named group may not be.)"""
    lx = lexicon()
    _, end = five_year_plan_years(m.group())
    return f"{end}{lx.data['year_word']}{lx.data['year_end_word']}"


def deadline_parts(text: str) -> list[str]:
    """The parts of a deadline printed in parts (2023年6月底前启动,12月底前完成; 2023年6月、12月)."""
    separators = re.escape(lexicon().data["deadline_separators"])
    return [p.strip() for p in re.split(f"[{separators}]", text) if p.strip()]


def parse_deadline(text: str, doc_year: int | None) -> str | None:
    """Normalise a deadline as printed. A date beside 持续推进 wins; of a range
    (2022年至2023年, 2023—2025年) the end; of a deadline printed in parts
    (2023年上半年启动,年底前完成) the latest date, each part taking the year of the
    one before; a start (2023年起长期坚持) is no deadline."""
    lx = lexicon()
    parts = deadline_parts(text)
    if len(parts) > 1:
        dates, year, ongoing = [], doc_year, False
        for part in parts:
            found = parse_deadline(part, year)
            if found == "ongoing":
                ongoing = True
            elif found is not None:
                dates.append(found)
                year = int(found[:4])
        return max(dates) if dates else ("ongoing" if ongoing else None)
    text = lx.named("numeric_date_pattern").sub(_numeric_as_text, text)
    if doc_year is not None:   # 明年6月底前 -> the document's year + 1
        text = lx.named("relative_year_pattern").sub(
            lambda m: f"{doc_year + lx.data['relative_years'][m.group()]}{lx.data['year_word']}", text)
    text = lx.named("five_year_plan_pattern").sub(_plan_end_as_text, text)
    text = lx.named("date_start_pattern").sub("", text)
    parts = lx.named("date_range_pattern").split(text, maxsplit=1)
    if len(parts) == 2 and lx.named("date_year_only_pattern").search(parts[0]):
        start_year = lx.named("date_year_only_pattern").search(parts[0])
        year_word = lx.data["year_word"]
        end = parts[1] if year_word in parts[1] else parts[1] + year_word
        return parse_deadline(end, int(start_year["y"]) if start_year else doc_year)
    m = lx.named("date_full_pattern").search(text)
    if m:
        return _iso(_year(m["y"], doc_year), cn_number(m["m"]) or 0, cn_number(m["d"]))
    m = lx.named("date_holiday_pattern").search(text)
    if m:
        return _holiday(m, doc_year)
    m = lx.named("date_month_pattern").search(text)
    if m and cn_number(m["m"]):
        day = lx.data["month_parts"].get(m["when"])
        return _iso(_year(m["y"], doc_year), cn_number(m["m"]) or 0, day)
    m = lx.named("date_half_pattern").search(text)
    if m:
        return _iso(_year(m["y"], doc_year), 6 if m["h"] in lx.data["first_half_words"] else 12)
    m = lx.named("date_quarter_pattern").search(text)
    if m:
        return _iso(_year(m["y"], doc_year), (cn_number(m["q"]) or 4) * 3)
    m = lx.named("date_year_end_pattern").search(text)
    if m:
        return _iso(_year(m["y"], doc_year), 12)
    if lx.named("date_bare_year_end_pattern").search(text):
        return _iso(doc_year, 12)
    m = lx.named("date_year_only_pattern").search(text)
    if m:                      # 2025年持续推进: the year wins
        return _iso(int(m["y"]), 12)
    if any(w in text for w in lx.words("ongoing_words")) or lx.named("recurring_deadline_pattern").match(text):
        return "ongoing"     # 持续推进; 每季度末, a deadline that recurs
    return None
