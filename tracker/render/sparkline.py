"""Counters over time as terminal sparklines, anomalies marked: a dozen lines, no plot library."""

from __future__ import annotations

from tracker.render.styled import Text

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1
    return "".join(BARS[int((v - lo) / span * (len(BARS) - 1))] for v in values)


def counter_series(entries) -> dict[str, list[tuple[str, float, bool | None]]]:
    """name -> [(day, value, on_schedule)], from the changelog's counter highlights; the name is
    the label with `N` for the counter's own number (one block can hold several counters)."""
    series: dict[str, list[tuple[str, float, bool | None]]] = {}
    for entry in entries:
        for h in entry.highlights or ():
            c = h.change
            if c.kind == "counter" and isinstance(c.new, int | float):
                parts = c.label.split("#")
                k = min(c.index or 0, len(parts) - 2)
                name = "#".join(parts[: k + 1]) + "N" + "#".join(parts[k + 1 :])
                points = series.setdefault(name, [])
                if not points and isinstance(c.old, int | float) and entry.previous:
                    points.append((entry.previous.day, c.old, None))
                points.append((entry.info.day, c.new, c.on_schedule))
    return series


def render_counters(entries, *, full: bool = False) -> Text:
    """`full`: labels whole (piped output is never cut)."""
    t = Text()
    series = counter_series(entries)
    if not series:
        return Text("No counters changed in this history.")
    for name, points in series.items():
        t.append(f"{name if full else name[:90]}\n", style="bold")
        line = sparkline([v for _, v, _ in points])
        for (_, _, ok), bar in zip(points, line, strict=True):
            t.append(bar, style="bold red" if ok is False else "green")
        t.append(f"  {points[0][1]:g} ({points[0][0]}) → {points[-1][1]:g} ({points[-1][0]})")
        bad = [day for day, _, ok in points if ok is False]
        if bad:
            t.append(f"  anomalies: {', '.join(bad)}", style="bold red")
        t.append("\n")
    return t
