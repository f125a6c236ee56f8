"""JSON Lines: one object per document, the Event's JSON or ``{"source", "error"}``.

The Event's ``text`` (the whole visible text every span points into) is left
out by default: it repeats the input and usually dwarfs the fields. Ask for it
with ``include_text`` (``--include-text`` on the command line) when the
provenance spans must be resolvable from the output alone.
"""

from __future__ import annotations

import json

from eventparse.export import Exporter, Failure, Record


class JsonlExporter(Exporter):
    name = "jsonl"

    def write(self, record: Record) -> None:
        self.out.write(record_json(record, include_text=self.include_text))
        self.out.write("\n")


def record_json(record: Record, *, include_text: bool = False) -> str:
    """One record as a line of JSON (without the newline).

    >>> record_json(Failure("x.txt", "empty"))
    '{"source": "x.txt", "error": "empty"}'
    """
    if isinstance(record, Failure):
        return json.dumps({"source": record.source, "error": record.error}, ensure_ascii=False)
    return record.model_dump_json(exclude=None if include_text else {"text"})
