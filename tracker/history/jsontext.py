"""Indented JSON written fast, and kept written: a long changelog's highlights are cached as
the very text `log --format json` prints, so a warm log splices them instead of parsing and
writing them again."""

from __future__ import annotations

import json
from itertools import repeat
from json.encoder import encode_basestring as _string


class Written(str):
    """JSON text already written at the indentation where it goes (see `dumps`'s level)."""


def dumps(value, level: int = 0) -> str:
    """json.dumps(value, indent=2, ensure_ascii=False), byte for byte, at several times its
    speed: with an indent, the json module falls back to its pure-Python encoder, which was
    most of a warm `log --format json` on a long history (and a tenth of `diff --format json`
    on a large page). A `Written` value is put as it is."""
    kind = type(value)
    if (kind is dict or kind is list or kind is tuple) and value:
        out: list[str] = []
        _write(value, kind is dict, out, "\n" + "  " * level)
        return "".join(out)
    return _scalar(value, level)


def _scalar(value, level: int) -> str:
    kind = type(value)
    if kind is Written:
        return value
    if kind is str:
        return _string(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is dict:
        return "{}"
    if kind is list or kind is tuple:
        return "[]"
    # floats, subclasses: as the json module writes them, indented to this level
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


def _write(value, is_dict: bool, out: list[str], pad: str) -> None:
    """Append a non-empty dict or list to `out`; `pad`: a newline and its line's indentation.
    Strings and ints, most of a report, are written in the loop: one call per container."""
    inner = pad + "  "
    sep = ("{" if is_dict else "[") + inner
    for k, v in value.items() if is_dict else zip(repeat(None), value):
        if is_dict:
            sep += (_string(k) if type(k) is str else _key(k)) + ": "
        kind = type(v)
        if kind is str:
            out.append(sep + _string(v))
        elif (kind is dict or kind is list or kind is tuple) and v:
            out.append(sep)
            _write(v, kind is dict, out, inner)
        elif kind is int:
            out.append(sep + int.__repr__(v))
        else:
            out.append(sep + _scalar(v, (len(inner) - 1) // 2))
        sep = "," + inner
    out.append(pad + ("}" if is_dict else "]"))


def pieces(value, level: int = 0):
    """`dumps(value, level)` in pieces, the items of dicts and lists one by one: a long log is
    written out as it goes, never copied whole into one string (nor that string into others)."""
    kind = type(value)
    if (kind is dict or kind is list or kind is tuple) and value:
        pad = "\n" + "  " * (level + 1)
        first = True
        yield "{" if kind is dict else "["
        for item in value.items() if kind is dict else value:
            yield ("" if first else ",") + pad
            first = False
            if kind is dict:
                k, item = item
                yield (_string(k) if type(k) is str else _key(k)) + ": "
            yield from pieces(item, level + 1)
        yield "\n" + "  " * level + ("}" if kind is dict else "]")
    else:
        yield dumps(value, level)


def _key(key) -> str:
    """json writes 1, 1.5, true, null keys as strings."""
    return _string(next(iter(json.loads(json.dumps({key: 0})))))
