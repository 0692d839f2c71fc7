"""Stage 2, extract: an article's text becomes atomic claims with typed slots.

``claims`` cuts sentences into claims and drops boilerplate; ``slots`` reads each claim's dates, numbers, names,
negation and hedges with the help of ``dates``, ``numbers`` and ``names`` (parsing *and* the one place each kind of
value is compared); ``descriptions`` reads the words each claim attaches to its nouns (compared across sources
later by ``stages/framing``); ``headings`` is the Markdown heading rule the loader shares; ``nlp`` loads spaCy
once. Import the module you need: this file imports nothing.
"""
