"""What the text alone cannot show: images and link targets, and which changes are page chrome.

The capture layer reads an HTML page's links, images and chrome paragraphs beside its text
(`tracker.models.PageStructure`, hrefs already absolute and normalised); here they become
changes. Links and images are compared as multisets of their normalised targets, so order and
tracking parameters are never a change. What is left on each side is paired: a link with the
same visible text (under the same heading, unless the text is unique on the page) whose
target changed is `retargeted`, an image with the same alt (else at the
same place among the images kept) whose `src` changed is `replaced`; the rest is added/removed.
A link added or removed together with its text or its paragraph, or an image whose heading came
or went, is already in the text report, so it is not repeated. A pair whose two targets differ
only by a build's fingerprint in the file name (`map.3f2a1b9c.png` → `map.9c8d7e6f.png`) is
`rebuilt`: the same asset built again, reported and never alerting. A `tel:` or `mailto:` link
whose target alone changed is a `contact` change (the number or address the page gives
changed, not its navigation); retargeted to the same contact written another way, it is no
change.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cached_property

from tracker.differ.contacts import link_contact
from tracker.differ.model import Change
from tracker.differ.normalize import char_form
from tracker.differ.segment import block_texts


def _only_inside(parts: Sequence[str], texts: Sequence[str]) -> frozenset[str]:
    """The block texts (of `texts`, the page's) that occur on the page only inside `parts`."""
    if not parts:
        return frozenset()
    inside = Counter(block_texts("\n\n".join(parts)))
    everywhere = Counter(t for t in texts if t in inside)
    return frozenset(t for t, n in inside.items() if everywhere[t] == n)


def chrome_texts(page, texts: Sequence[str]) -> frozenset[str]:
    """The block texts that occur on the page only inside its chrome (nav, banner, footer)."""
    return frozenset() if page is None else _only_inside(page.chrome, texts)


def apart_texts(page, texts: Sequence[str], chrome: frozenset[str]) -> frozenset[str]:
    """The block texts that lie apart from the page's content: its chrome (`chrome_texts`)
    and what occurs only inside its asides. A heading there titles only what is beside it."""
    if page is None or not page.aside:
        return chrome
    return chrome | _only_inside(page.aside, texts)


def mark_chrome(changes: list[Change], old_texts, new_texts, old_chrome, new_chrome) -> None:
    """Flag the block changes whose blocks all lie in page chrome (contacts stay unflagged: a
    phone number changed in the footer is still a phone number changed)."""
    if not old_chrome and not new_chrome:
        return
    for c in changes:
        if c.kind == "contact" or (c.old_block is None and c.new_block is None):
            continue
        if c.old_block is not None and old_texts[c.old_block] not in old_chrome:
            continue
        if c.new_block is not None and new_texts[c.new_block] not in new_chrome:
            continue
        c.chrome = True


def media_changes(
    old_page, new_page, old_text: str, new_text: str, region
) -> list[Change]:
    """Image and link changes between two pages' structures (see the module docstring).
    `region()`: the country of a `tel:` number written without one."""
    if old_page is None or new_page is None:
        return []
    old_side, new_side = _Paragraphs(old_text), _Paragraphs(new_text)
    images = _compare(
        old_page.images,
        new_page.images,
        key=lambda x: x.src,
        label=lambda x: x.alt.casefold(),
        by_place=True,
    )
    links = _compare(
        old_page.links,
        new_page.links,
        key=lambda x: x.href,
        label=lambda x: char_form(x.text).casefold(),
        by_place=False,
    )
    out = []
    for old, new in images:
        action = "replaced" if old and new else "removed" if old else "added"
        if old and new and rebuilt(old.src, new.src):
            action = "rebuilt"
        one, other = (old, new_side) if old else (new, old_side)
        if action != "replaced" and one.title and not other.has(one.title):
            continue  # its heading went or came with it: the text report shows it
        out.append(
            Change(
                "image",
                old={"src": old.src, "alt": old.alt} if old else None,
                new={"src": new.src, "alt": new.alt} if new else None,
                action=action,
                title=(new or old).title,
                chrome=(old is None or old.chrome) and (new is None or new.chrome),
            )
        )
    for old, new in links:
        action = "retargeted" if old and new else "removed" if old else "added"
        if old and new and rebuilt(old.href, new.href):
            action = "rebuilt"
        one, other = (old, new_side) if old else (new, old_side)
        if action != "retargeted" and _went_with_its_text(one, other):
            continue  # its text or its paragraph went or came with it: the text report shows it
        if action == "retargeted":
            contact = _contact_retargeted(old, new, region)
            if contact is not None:
                if contact.old != contact.new:
                    out.append(contact)
                continue
        out.append(
            Change(
                "link",
                old={"href": old.href, "text": old.text} if old else None,
                new={"href": new.href, "text": new.text} if new else None,
                action=action,
                title=(new or old).title,
                chrome=(old is None or old.chrome) and (new is None or new.chrome),
            )
        )
    return out


_NAME_PARTS = re.compile(r"([.\-_])")


def rebuilt(old: str, new: str) -> bool:
    """Whether two targets name one asset whose build fingerprint changed: the same address but
    for one part of the file name, after its stem and before its extension (`name.<hash>.png`,
    webpack; `name-<hash>.png`, Rails), 8+ letters and digits of the same length on both sides
    that differ in at least 3 places out of 4, as two hashes do. A date (`-20240501` →
    `-20240502`), a version (`-v2`), a word or a whole random file name (an upload renamed:
    a new picture) is no fingerprint."""
    head, _, last = old.partition("?")[0].rpartition("/")
    if old.partition("?")[2] != new.partition("?")[2] or not new.startswith(head + "/"):
        return False
    a = _NAME_PARTS.split(last)
    b = _NAME_PARTS.split(new.partition("?")[0][len(head) + 1 :])
    if len(a) != len(b) or len(a) < 5:  # stem, separator, fingerprint, ".", extension
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(differ) != 1 or not 2 <= differ[0] <= len(a) - 3:
        return False
    x, y = a[differ[0]], b[differ[0]]
    return (
        len(x) == len(y) >= 8
        and _fingerprint(x)
        and _fingerprint(y)
        and sum(p != q for p, q in zip(x, y, strict=True)) * 4 >= 3 * len(x)
    )


def _fingerprint(part: str) -> bool:
    return (
        part.isascii()
        and part.isalnum()
        and any(c.isdigit() for c in part)
        and any(c.isalpha() for c in part)
    )


def _contact_retargeted(old, new, region) -> Change | None:
    """The contact change of a link retargeted from one phone (or email) to another; None when
    either target is no contact or they are of two types (`old` == `new`: the same contact)."""
    a = link_contact(old.href, region)
    b = link_contact(new.href, region) if a else None
    if not b or a[0] != b[0]:
        return None
    return Change("contact", type=a[0], change="changed", old=a[1], new=b[1], title=new.title)


def _went_with_its_text(link, other: _Paragraphs) -> bool:
    if link.context is None:  # no paragraph of its own: look for its text anywhere
        return bool(link.text) and char_form(link.text) not in other.text
    if not other.has_context(link.context):
        return True
    # the context is the paragraph before when the link is a whole paragraph: that one too
    return bool(link.text) and link.text not in link.context and not other.has(link.text)


class _Paragraphs:
    """One page's paragraphs, so that "is this paragraph, heading or text still on the other
    page" is a set lookup, not a search of the whole text for every link."""

    def __init__(self, text: str):
        self.raw = text

    @cached_property
    def text(self) -> str:
        return char_form(self.raw)

    @cached_property
    def _contexts(self) -> set[str]:
        return {p[:CONTEXT] for p in self.raw.split("\n\n")}

    @cached_property
    def _flat(self) -> set[str]:
        return {_flat(p) for p in self.raw.split("\n\n")}

    def has_context(self, context: str) -> bool:
        return context[:CONTEXT] in self._contexts

    def has(self, paragraph: str) -> bool:
        """A heading or a link that is a whole paragraph (whitespace aside)."""
        return _flat(paragraph) in self._flat


CONTEXT = 300  # characters of a link's paragraph kept as its context (see capture.html)


def _flat(text: str) -> str:
    return " ".join(text.split())[:200]


def _compare(olds, news, *, key, label, by_place: bool):
    """(old, new) pairs of the items whose key is on one side only: paired by label and nearest
    heading, then by a label unique on both pages, then, with `by_place`, by their place among
    the items kept."""
    common = Counter(map(key, olds)) & Counter(map(key, news))

    def leftover(items):
        seen: Counter = Counter()
        out = []
        kept = 0
        for item in items:
            k = key(item)
            if seen[k] < common[k]:
                seen[k] += 1
                kept += 1
            else:
                out.append((kept, item))
        return out

    rest_old, rest_new = leftover(olds), leftover(news)
    pairs: list[tuple] = []
    free_old = [True] * len(rest_old)
    free_new = [True] * len(rest_new)

    def match(how) -> None:
        waiting = defaultdict(list)
        for j, (place, item) in enumerate(rest_new):
            if free_new[j]:
                k = how(place, item)
                if k is not None:
                    waiting[k].append(j)
        for k in waiting:
            waiting[k].reverse()
        for i, (place, item) in enumerate(rest_old):
            if not free_old[i]:
                continue
            k = how(place, item)
            if k is not None and waiting.get(k):
                j = waiting[k].pop()
                free_old[i] = free_new[j] = False
                pairs.append((item, rest_new[j][1]))

    # A label repeated on the page ("View article", "Download") names one target only together
    # with its paragraph or its heading; a label unique on both pages names it alone. A key
    # that is not unique on both pages pairs nothing: guessing would invent a retargeting.
    def unique(how):
        once = {k for k, n in Counter(map(how, olds)).items() if n == 1 and k is not None}
        once &= {k for k, n in Counter(map(how, news)).items() if n == 1}
        return lambda place, x: k if (k := how(x)) in once else None

    # links have a context (their paragraph), images do not
    match(unique(lambda x: (label(x), getattr(x, "context", None)) if label(x) else None))
    match(unique(lambda x: (label(x), x.title) if label(x) else None))
    match(unique(lambda x: label(x) or None))
    if by_place:
        match(lambda place, x: place)
    pairs += [(item, None) for i, (_, item) in enumerate(rest_old) if free_old[i]]
    pairs += [(None, item) for j, (_, item) in enumerate(rest_new) if free_new[j]]
    return pairs
