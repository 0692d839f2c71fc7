"""Stage 4, cluster: vectors and anchors become groups of claims that may state the same thing (``clusters``),
kept apart when they cannot be the same event (``events``), with nearest-neighbour search for large runs
(``neighbours``). Import the module you need: this file imports nothing.
"""
