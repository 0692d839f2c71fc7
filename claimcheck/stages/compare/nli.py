"""Optional NLI cross-encoder (``compare.nli_model``): a contradiction between two claims of one cluster.

Loaded from a local sentence-transformers ``CrossEncoder`` directory (nothing is downloaded); the label
order is read from the model's ``config.json`` (``id2label``). Used on within-cluster pairs only, after the
slot rules, so it adds recall without changing what the rules find.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from claimcheck.errors import ModelError
from claimcheck.models import Claim, Reason

NliCheck = Callable[[Claim, Claim], "Reason | None"]


def contradiction_index(model_dir: str) -> int:
    """Index of the contradiction label in the model's ``id2label``."""
    try:
        cfg = json.loads((Path(model_dir) / "config.json").read_text(encoding="utf-8"))
        labels = {int(k): str(v).lower() for k, v in cfg["id2label"].items()}
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"NLI model has no readable id2label in config.json: {exc}", path=model_dir,
                         slug="model-load") from None
    for idx, name in labels.items():
        if name.startswith("contradict"):
            return idx
    raise ModelError("NLI model has no 'contradiction' label", path=model_dir, slug="model-load")


@lru_cache(maxsize=2)
def load_nli(model_dir: str, *, threshold: float = 0.5) -> NliCheck:
    """A check that returns an ``nli`` Reason when the cross-encoder's contradiction probability of
    either direction is at least ``threshold``."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    idx = contradiction_index(model_dir)
    try:
        from sentence_transformers import CrossEncoder

        model = CrossEncoder(model_dir, device="cpu", local_files_only=True)
    except Exception as exc:  # any loader failure is a bad model path for the user
        raise ModelError(f"cannot load an NLI cross-encoder: {type(exc).__name__}: {exc}", path=model_dir,
                         slug="model-load") from None

    def check(a: Claim, b: Claim) -> Reason | None:
        import numpy as np

        logits = np.asarray(model.predict([(a.text, b.text), (b.text, a.text)], apply_softmax=True))
        p = float(logits[:, idx].max())
        if p < threshold:
            return None
        return Reason(kind="nli", detail=f"NLI contradiction p={p:.2f}", values=((a.source, a.text), (b.source, b.text)))

    return check
