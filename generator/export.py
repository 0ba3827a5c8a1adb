"""Machine-readable exports of the Timeline. `timeline.json` is the public data contract;
its JSON Schema is generator/schema/timeline.schema.json."""

from __future__ import annotations

import json
from typing import Any

from .config import SiteConfig
from .dates import format_span
from .model import Event, Timeline

SCHEMA_VERSION = 1


def event_record(event: Event) -> dict[str, Any]:
    span = event.span
    return {
        "id": event.id,
        "title": event.title,
        "summary": event.summary,
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "precision": span.precision,
        "value": span.value,
        "mod": span.mod,
        "display_date": format_span(span),
        "url": event.page,
        "score": event.score,
        "confidence": event.confidence,
        "tags": list(event.tags),
        "disagreement": event.disagreement,
        "aliases": list(event.aliases),
        "sources": [
            {
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "original_url": source.original_url,
                "quote": source.quote,
                "expression": source.expression,
                "published": source.published.isoformat(),
                "start": source.span.start.isoformat(),
                "end": source.span.end.isoformat(),
                "precision": source.span.precision,
            }
            for source in event.sources
        ],
    }


def timeline_json(timeline: Timeline, config: SiteConfig) -> str:
    document = {
        "version": SCHEMA_VERSION,
        "title": config.title,
        "description": config.description,
        "base_url": config.base_url,
        "events": [event_record(event) for event in timeline.events],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
