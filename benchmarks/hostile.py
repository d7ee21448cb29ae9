"""Hostile page pairs: inputs shaped to hit a quadratic path, each at a chosen scale.

Used by `bench_hostile.py` (tests/test_hostile.py builds its own, smaller ones). Each maker
returns (old, new, suffix): two texts (or HTML) whose difference is what makes them hostile.
"""

from __future__ import annotations

import random


def counters(n: int) -> tuple[str, str, str]:
    """One paragraph of n rows where only the numbers change: one counter change per row."""

    def page(shift: int) -> str:
        rows = [f"Row {k}: {k * 7 + shift} parcels counted at the northern depot" for k in range(n)]
        return "Depot report\n\n" + "\n".join(rows) + "\n\nEnd of report\n"

    return page(0), page(3), ".txt"


def phones(n: int) -> tuple[str, str, str]:
    """n phone-like lines in one paragraph, every number changed."""

    def page(area: int) -> str:
        rows = [
            f"Office {k} reception desk: call +44 20 {area} {k % 10000:04d} for appointments"
            for k in range(n)
        ]
        return "Contacts\n\n" + "\n".join(rows) + "\n\nEnd\n"

    return page(7946), page(7947), ".txt"


def emails(n: int) -> tuple[str, str, str]:
    """n email addresses on one line, every one changed, and the word before them."""

    def page(word: str, domain: str) -> str:
        line = ", ".join(f"user{k}@example.{domain}" for k in range(n))
        return f"Mailing list\n\n{word}: {line}\n"

    return page("Subscribers", "org"), page("Members", "net"), ".txt"


def digits(size: int) -> tuple[str, str, str]:
    """`size` characters of digit runs (lines of 5,000 digits, paragraphs of 10 lines), one digit
    changed in every 10th line: numbers too long for int(), phone windows everywhere."""
    rng = random.Random(size)
    lines = [
        f"run {k}: " + "".join(rng.choices("0123456789", k=5000))
        for k in range(max(1, size // 5010))
    ]
    new = list(lines)
    for k in range(0, len(new), 10):
        d = new[k][-500]
        new[k] = new[k][:-500] + ("1" if d != "1" else "2") + new[k][-499:]

    def page(ls: list[str]) -> str:
        paras = ["\n".join(ls[k : k + 10]) for k in range(0, len(ls), 10)]
        return "Digits\n\n" + "\n\n".join(paras) + "\n"

    return page(lines), page(new), ".txt"


def paragraphs(n: int) -> tuple[str, str, str]:
    """An HTML page of n `<p>` tags; one in a hundred changed, a few added."""
    rng = random.Random(n)
    words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda".split()
    paras = [f"{' '.join(rng.choices(words, k=5))} {k}" for k in range(n)]
    new = list(paras)
    for k in range(0, n, 100):
        new[k] = new[k].replace(words[0], "omega") + " (revised)"
    for k in range(0, n, 1000):
        new.insert(k, f"inserted paragraph {k}")

    def page(ps: list[str]) -> str:
        body = "".join(f"<p>{p}</p>" for p in ps)
        return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>\n"

    return page(paras), page(new), ".html"


def long_line(size: int) -> tuple[str, str, str]:
    """One line of `size` characters without a space (letters, digits, dots, dashes, an @ now
    and then), a few characters changed in the middle."""
    rng = random.Random(size)
    line = "".join(rng.choices("abcdefghij0123456789.-", k=size))
    line = line[: size // 3] + "@" + line[size // 3 + 1 :]
    mid = size // 2
    new = line[:mid] + "XYZ" + line[mid + 3 : -10] + "0000000000"
    return "Long line\n\n" + line + "\n", "Long line\n\n" + new + "\n", ".txt"


# name: (maker, size at 1x, what the size counts)
CASES = {
    "counters": (counters, 2_000, "rows"),
    "phones": (phones, 10_000, "lines"),
    "emails": (emails, 50_000, "addresses"),
    "digits": (digits, 2_000_000, "characters"),
    "paragraphs": (paragraphs, 1_000_000, "<p> tags"),
    "long-line": (long_line, 5_000_000, "characters"),
}
