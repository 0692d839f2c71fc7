"""Stage 5, compare: each cluster becomes findings (``findings``: one statement across sources, every typed
conflict among its claims). The rules beside it: mutually exclusive values and frames (``exclusive``), opposite
predicates (``opposites``), the optional NLI model (``nli``), dated updates (``timeline``), and the per-detail
support check used by the evaluation (``support``). Import the module you need: this file imports nothing.
"""
