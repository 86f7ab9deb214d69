"""The documented differences: where ats-hook and the reference disagree, and ats-hook is right.

Each difference explains one differing JSON pointer (a finding only one side reports), judged
from the value there; or a whole document ats-hook cannot read. A disagreement that no entry
explains fails the test. RFC 3339's grammar (section 5.6) decides date-times:

    date-fullyear = 4DIGIT              date-month = 2DIGIT ; 01-12
    date-mday     = 2DIGIT ; 01-28, 01-29, 01-30, 01-31 based on month/year
    time-hour = 2DIGIT ; 00-23          time-minute = 2DIGIT ; 00-59
    time-second = 2DIGIT ; 00-58, 00-59, 00-60 based on leap second rules
    time-secfrac = "." 1*DIGIT          time-numoffset = ("+" / "-") time-hour ":" time-minute
    time-offset = "Z" / time-numoffset  date-time = full-date "T" full-time
    NOTE: "T" and "Z" may alternatively be lower case "t" or "z".

and leap seconds fall at 23:59:60 UTC (section 5.7, Appendix D), whatever the local offset.
"""

import json
import re
from collections import namedtuple

from jsontext import containers_with_content_depth, nesting_depth, number_out_of_range

Difference = namedtuple("Difference", "name side keywords reason applies")
# What a rule sees of a differing pointer: the value there (Python's reading), the pointer, and
# the pointers of members whose name their object repeats.
Spot = namedtuple("Spot", "value pointer duplicated")

# RFC 3339 date-time, exactly: ASCII digits, \Z (not $, which also matches before a final \n).
RFC3339 = re.compile(r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(\.\d+)?"
                     r"([Zz]|([+-])(\d\d):(\d\d))\Z", re.ASCII)


def _has_unpaired_surrogate(text):
    """Python's parser keeps an unpaired surrogate escape as a code point U+D800..U+DFFF."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from strings(item)
    return any(0xD800 <= ord(c) <= 0xDFFF for s in strings(json.loads(text)) for c in s)


def _days_in_month(year, month):
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)  # RFC 3339 Appendix C
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def rfc3339_parts(text):
    """The fields of a date-time that is valid per RFC 3339, or None."""
    if not isinstance(text, str):
        return None
    m = RFC3339.match(text)
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    offset = 0
    if m.group(9):
        off_hour, off_minute = int(m.group(10)), int(m.group(11))
        if off_hour > 23 or off_minute > 59:
            return None
        offset = (off_hour * 60 + off_minute) * (1 if m.group(9) == "+" else -1)
    if not 1 <= month <= 12 or not 1 <= day <= _days_in_month(year, month):
        return None
    if hour > 23 or minute > 59 or second > 60:
        return None
    if second == 60 and (hour * 60 + minute - offset) % 1440 != 23 * 60 + 59:
        return None
    return {"year": year, "second": second, "fraction": m.group(7) or "", "offset": offset}


def _leap_second(value):
    parts = rfc3339_parts(value)
    return parts is not None and parts["second"] == 60


def _year_zero(value):
    parts = rfc3339_parts(value)
    return parts is not None and parts["year"] == 0


def _fraction_rounds_up(value):
    parts = rfc3339_parts(value)
    return parts is not None and round(float(parts["fraction"] or "0") * 1e6) >= 1_000_000


def _offset_out_of_range(value):
    if not isinstance(value, str):
        return False
    m = RFC3339.match(value)
    if not m or not m.group(9) or rfc3339_parts(value.replace(m.group(8), "Z")) is None:
        return False
    return int(m.group(10)) > 23 or int(m.group(11)) > 59


def _final_newline(value):
    return isinstance(value, str) and value.endswith("\n") and "\n" not in value[:-1]


DIFFERENCES = [
    Difference(
        "leap-second", "reference", {"format"},
        "A leap second (second 60 at 23:59 UTC, e.g. 1998-12-31T23:59:60Z or "
        "1998-12-31T15:59:60-08:00) is valid RFC 3339 (time-second 00-60, section 5.7); "
        "pyrfc3339 builds a Python datetime, which has no second 60.",
        lambda spot: _leap_second(spot.value)),
    Difference(
        "year-0000", "reference", {"format"},
        "Year 0000 is valid RFC 3339 (date-fullyear = 4DIGIT; Appendix C makes it a leap "
        "year); pyrfc3339 builds a Python datetime, whose years start at 1.",
        lambda spot: _year_zero(spot.value)),
    Difference(
        "fraction-rounds-up", "reference", {"format"},
        "time-secfrac = \".\" 1*DIGIT allows any digits; pyrfc3339 rounds the fraction to "
        "microseconds, so .9999995 and above become 1000000 µs and it raises.",
        lambda spot: _fraction_rounds_up(spot.value)),
    Difference(
        "offset-out-of-range", "ats-hook", {"format"},
        "An offset hour above 23 or minute above 59 (+24:00, +00:60, +99:99) is not RFC 3339 "
        "(time-numoffset uses time-hour 00-23 and time-minute 00-59); pyrfc3339's regular "
        "expression takes any two digits and never checks them.",
        lambda spot: _offset_out_of_range(spot.value)),
    Difference(
        "final-newline", "ats-hook", {"pattern", "format"},
        "A string ending in \\n: Python's `$` also matches before a final newline, so "
        "jsonschema's `pattern` (re.search) and pyrfc3339's date-time expression accept "
        "\"app_x\\n\" and \"...Z\\n\"; ECMA-262's `$`, the dialect JSON Schema specifies, "
        "and RFC 3339's grammar do not.",
        lambda spot: _final_newline(spot.value)),
    Difference(
        "duplicate-member", "ats-hook", {"*"},
        "An object names a member twice (RFC 8259 section 4: names SHOULD be unique, behaviour "
        "otherwise unpredictable): ats-hook checks every occurrence, Python's parser keeps only "
        "the last, so a bad earlier occurrence is reported by ats-hook alone (and the "
        "envelope branch ats-hook reports is not checked, as it counts every occurrence).",
        lambda spot: any(spot.pointer == d or spot.pointer.startswith(d + "/")
                         for d in spot.duplicated)),
]

# Whole documents ats-hook refuses to read, by design (README: validate section).
Unreadable = namedtuple("Unreadable", "name message reason applies")
UNREADABLE = [
    Unreadable(
        "unpaired-surrogate", r"surrogate",
        "A \\u escape of an unpaired UTF-16 surrogate (\\ud800 alone, \\udc00 first) names no "
        "Unicode character and has no UTF-8 form: ats-hook (simdjson) refuses the text as "
        "malformed, Python's parser keeps the lone surrogate. RFC 8259 section 8.2 leaves such "
        "strings' behaviour unpredictable; I-JSON (RFC 7493 section 2.1) forbids them.",
        _has_unpaired_surrogate),
    Unreadable(
        "nesting-over-256", r"nest|deep|depth",
        "Nesting deeper than 256 arrays and objects is refused as unreadable (README, validate: "
        "a clear error instead of unbounded recursion); Python reads it.",
        lambda text: nesting_depth(text) > 256),
    Unreadable(
        "number-out-of-range", r"out of range",
        "An integer beyond 64 bits (18446744073709551616) or a number beyond double range "
        "(1e400) is refused as unreadable; Python reads big integers exactly and 1e400 as "
        "infinity. RFC 8259 section 6 lets implementations limit the range of numbers.",
        number_out_of_range),
]


def explain_pointer(side, spot, keywords):
    """The documented difference that explains a pointer only `side` reports, or None."""
    for difference in DIFFERENCES:
        if difference.side == side and (keywords & difference.keywords or
                                        "*" in difference.keywords) and difference.applies(spot):
            return difference.name
    return None


def explain_unreadable(text, message):
    for entry in UNREADABLE:
        if re.search(entry.message, message) and entry.applies(text):
            return entry.name
    return None
