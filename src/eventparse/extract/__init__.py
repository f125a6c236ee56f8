"""Extractors: one module per field, each beside ``corpora/<field>.jsonl``.

Every extractor module has ``FIELD`` (the Event field it proposes values for)
and ``extract(ctx) -> list[Candidate]``. ``resolve`` picks among the candidates.
"""
