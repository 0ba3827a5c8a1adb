"""Serializations of annotate() output: inline TimeML, JSON, and a readable table."""
from __future__ import annotations

import datetime as _dt
import json
from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

from . import Timex


def _dct_date(dct: _dt.date | _dt.datetime) -> _dt.date:
    return dct.date() if isinstance(dct, _dt.datetime) else dct


def to_timeml(text: str, dct: _dt.date | _dt.datetime, timexes: Iterable[Timex]) -> str:
    """The text, XML-escaped, with inline <TIMEX3> tags, in a TimeML document."""
    d = _dct_date(dct).isoformat()
    parts: list[str] = []
    pos = 0
    for i, t in enumerate(sorted(timexes, key=lambda t: t.start), 1):
        if t.start < pos:          # defensive: never emit overlapping tags
            continue
        parts.append(escape(text[pos:t.start]))
        attrs = f'tid="t{i}" type={quoteattr(t.type)} value={quoteattr(t.value)}'
        if t.mod:
            attrs += f" mod={quoteattr(t.mod)}"
        parts.append(f"<TIMEX3 {attrs}>{escape(text[t.start:t.end])}</TIMEX3>")
        pos = t.end
    parts.append(escape(text[pos:]))
    return (
        '<?xml version="1.0"?>\n<TimeML>\n'
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{d}" functionInDocument="CREATION_TIME">{d}</TIMEX3></DCT>\n'
        f"<TEXT>{''.join(parts)}</TEXT>\n</TimeML>\n"
    )


def _timex_dict(t: Timex) -> dict:
    return {
        "start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value, "mod": t.mod,
        "interval": [t.interval[0].isoformat(), t.interval[1].isoformat()] if t.interval else None,
        "precision": t.precision,
    }


def to_json(text: str, dct: _dt.date | _dt.datetime, timexes: Iterable[Timex]) -> str:
    return json.dumps({"dct": _dct_date(dct).isoformat(), "timexes": [_timex_dict(t) for t in timexes]},
                      ensure_ascii=False, indent=2)


def to_text(text: str, dct: _dt.date | _dt.datetime, timexes: Iterable[Timex]) -> str:
    """One aligned line per expression: offsets, text, type, value, interval, precision."""
    rows = []
    for t in timexes:
        iv = f"{t.interval[0].isoformat()}..{t.interval[1].isoformat()}" if t.interval else "-"
        val = t.value + (f" ({t.mod})" if t.mod else "")
        rows.append((f"{t.start}-{t.end}", repr(t.text)[1:-1].replace("\\'", "'"), t.type, val, iv,
                     t.precision or "-"))
    header = ("span", "text", "type", "value", "interval", "precision")
    if not rows:
        return f"DCT {_dct_date(dct).isoformat()}: no temporal expressions\n"
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(6)]
    lines = [f"DCT {_dct_date(dct).isoformat()}"]
    for r in [header] + rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    return "\n".join(lines) + "\n"
