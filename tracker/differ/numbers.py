"""Numbers inside text: one pattern to find them, one rule to read them, one mask to hide them.

A block's masked text (numbers replaced by "#") is what stays the same while a counter moves,
so it keys counters, learned noise labels and "same text, other numbers" pairing.
"""

from __future__ import annotations

import re

MAX_DIGITS = 50
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL = re.compile(r"\d+\.\d+")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")


def mask(text: str) -> str:
    return NUMBER.sub("#", text)


def value(token: str) -> int | float | str:
    """1296 → 1296, "1,296" → 1296, "3.5" and "3,5" → 3.5; anything else (a date such as
    "20.09.2017", a version "1.2.3") stays a string: it changed, but it is not a quantity.
    So does a run of more than MAX_DIGITS characters (a serial, a hash, a digit dump: int() of
    thousands of digits is slow, and refused past 4,300)."""
    if len(token) > MAX_DIGITS:
        return token
    if token.isdigit():
        return int(token)
    if _THOUSANDS.fullmatch(token):
        plain = token.replace(",", "")
        return float(plain) if "." in plain else int(plain)
    if _DECIMAL.fullmatch(token):
        return float(token)
    if _DECIMAL_COMMA.fullmatch(token):
        return float(token.replace(",", "."))
    return token


def delta(old: int | float | str, new: int | float | str) -> int | float | None:
    if isinstance(old, str) or isinstance(new, str):
        return None
    d = new - old
    return round(d, 10) if isinstance(d, float) else d
