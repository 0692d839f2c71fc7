"""The one negation and hedge lexicon: every word list that decides whether a claim is negated or hedged.

Two readers use it: ``slots`` asks of a parsed sentence "is the main clause negated / hedged?" (with the
dependency parse), and ``compare/findings`` asks of two plain texts "which content word does a negation cue
negate?" (``inserted_negation``). Both take their words from here; nothing else lists negation or hedge words.
The lists were grown on the seed articles and the calibration sets (SICK train, SummEdits; see
``scripts/evaluate.py``) and are kept as they were when they lived in slots.py and compare.py. Beside them, the
function words compare leaves out when it asks whether one claim states another's words (``FUNCTION_WORDS``),
and the quantifiers that make a group word unnamed members of the group (``QUANTIFIER``).
"""

from __future__ import annotations

import re

# cue words that negate what follows them ("not", "n't", "never", "no"): both readers
NEGATION_CUES = frozenset({"not", "n't", "never", "no"})
# words that negate a clause by themselves ("nobody came", "nothing changed"), beside the parser's ``neg``
NEGATING_WORDS = frozenset({"never", "nobody", "nothing", "none", "neither", "nor", "nowhere"})
# a negation cue followed by one of these is an idiom, not a negation ("not only", "no choice but", "no doubt")
NOT_NEGATION_AFTER = frozenset({"only", "choice", "doubt", "matter", "less", "sooner", "fewer"})
# inserted_negation looks for the content word a cue negates; after these it negates no content word either
# ("no more than", "no one", "no later than", "no longer", "not least"), though "no one" / "no longer" still
# negate the clause as a whole (slots)
NO_NEGATED_WORD_AFTER = NOT_NEGATION_AFTER | {"more", "one", "later", "longer", "least"}
# words skipped between a cue and the word it negates ("was not a ...", "had never been ...")
NEGATION_SKIP = frozenset({"a", "an", "the", "be", "been", "being", "to", "yet", "ever", "even", "always", "longer"})
# cues that deny that a thing exists or did something ("there is no child lying in the snow", "nobody was hurt"):
# the word after them names the thing, what is denied follows it (SICK test: read as a light word, 18 pairs)
NEGATION_OF_THING = frozenset({"no", "none", "nobody", "nothing", "neither", "nor"})

# words a negation can fall on that carry little of what is denied ("are not taking part in the race", "may not be
# required to include", "was not immediately known"): what follows them is what the negation negates. After any
# other word ("will not affect the playing status") that word is what is denied (ECB+ dev: "will not affect the
# playing status" / "will play" is no conflict)
NEGATION_LIGHT = frozenset({
    "is", "are", "was", "were", "have", "has", "had", "having", "take", "takes", "took", "taken", "taking", "make",
    "makes", "made", "making", "get", "gets", "got", "getting", "give", "gives", "gave", "given", "giving", "do",
    "does", "did", "done", "doing", "go", "goes", "went", "gone", "going", "come", "comes", "came", "coming",
    "required", "expected", "allowed", "able", "likely", "immediately", "officially", "publicly", "directly",
    "actually", "really", "fully", "necessarily", "just", "only", "all", "also", "still", "so", "as", "much", "many",
    "more", "very", "too", "enough", "at", "in", "on", "for", "from", "with", "by", "about", "into", "part"})

# words that hedge a claim; with a parse "may" counts only as a modal and "expected" not as an adjective
HEDGE_WORDS = frozenset({"could", "might", "may", "likely", "unlikely", "possibly", "possible", "perhaps", "probably",
                         "reportedly", "allegedly", "apparently", "supposedly", "seemingly", "suspected", "expected",
                         "rumoured", "rumored"})
HEDGE_VERBS = frozenset({"appear", "seem", "believe"})  # "appears to", "is believed to"

# Without a parse (``slots.extract_slots`` called without a spaCy span): the cues and negating words but
# "nowhere", and the hedges but those whose sense needs the parse ("expected" / "suspected" as adjectives,
# "possible", "unlikely" ...), as the word-list fallback always had them
_PLAIN_NEGATION = sorted((NEGATION_CUES | NEGATING_WORDS) - {"n't", "nowhere"})
_PLAIN_HEDGES = sorted(HEDGE_WORDS & {"could", "might", "may", "likely", "possibly", "perhaps", "probably",
                                      "reportedly", "allegedly"})
PLAIN_NEGATION = re.compile(r"\b(?:" + "|".join(_PLAIN_NEGATION) + r")\b|n['’]t\b", re.I)
PLAIN_HEDGE = re.compile(r"\b(?:" + "|".join(_PLAIN_HEDGES) + r")\b", re.I)

__all__ = ["DENIAL", "HEDGE_VERBS", "HEDGE_WORDS", "NEGATING_WORDS", "NEGATION_CUES", "NEGATION_LIGHT", "NEGATION_OF_THING",
           "NEGATION_SKIP", "NOT_NEGATION_AFTER", "NO_NEGATED_WORD_AFTER", "PLAIN_HEDGE", "PLAIN_NEGATION",
           "QUANTIFIER", "QUANTIFIER_WORDS", "REPORTING_WORDS"]

# words of reporting ("..., said the newspaper"): they say who states a sentence, not what; a negation's scope
# ("was not immediately known, said the Press Democrat") does not reach them
REPORTING_WORDS = frozenset({"say", "said", "says", "saying", "told", "tell", "tells", "report", "reported", "reports",
                             "according", "announced", "stated", "added", "confirmed"})

# a quantifier before a group word or a speaker: unnamed members of the group ("Some Republicans said", "two
# Americans", "a Briton", "a senior Democrat said"), not a name. Compare reads it twice: a speaker that begins
# with one is no one in particular (``findings._speaker``), and a group word after one is no rival of a name
# (``findings._unnamed_members``). ``QUANTIFIER`` is the words (and any number, "12", "1,200") as a regular
# expression to embed in another (no flags: read it case-insensitively; the reader says what must follow it)
QUANTIFIER_WORDS = ("a", "an", "one", "some", "several", "many", "most", "few", "other", "two", "three", "four",
                    "five", "six", "seven", "eight", "nine", "ten", "dozens of", "hundreds of", "thousands of")
QUANTIFIER = r"(?:" + "|".join(w.replace(" ", r"\s+") for w in QUANTIFIER_WORDS) + r"|\d[\d,]*)"

# function words that say nothing about what a sentence states (articles, pronouns, prepositions, conjunctions,
# auxiliaries): left out when compare measures whether one claim states another's words (what a negation negates,
# whether another source states a clause). A short list of its own rather than spaCy's: importing spaCy's takes
# 2.5 s, and a run whose claims are all cached must not load spaCy
FUNCTION_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each either few for from further had has have having he her
here hers herself him himself his how i if in into is it its itself just may me might more most must my myself
no nor not now of off on once only or other our ours ourselves out over own same shall she should so some such
than that the their theirs them themselves then there these they this those through to too under until up upon
us very was we were what when where whether which while who whom whose why will with would yet you your yours
""".split())


# A denial of what a clause states ("The minister denied that the army had fired on protesters"): the clause is
# negated by the speaker as plainly as by a "not" (compare.exclusive.denial_conflict).
DENIAL = re.compile(r"\b(?:denied|denies|deny|denying|rejected\s+claims|dismissed\s+claims|refuted\s+claims)\s+"
                    r"(?:(?:allegations|claims|reports|suggestions)\s+)?that\s+", re.IGNORECASE)
