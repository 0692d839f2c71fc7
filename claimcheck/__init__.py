"""claimcheck: compare the factual claims of several news articles.

Heavy libraries (torch, sentence-transformers, scikit-learn, spaCy) are imported lazily,
inside the stages that need them, so ``claimcheck --help`` starts fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
