"""Extract WordNet 3.0's nouns of a few exclusive categories into claimcheck/data/categories.tsv (run once; the
result ships).

Reads the WordNet database from Debian's ``wordnet-base`` package (/usr/share/wordnet), as
scripts/build_antonyms.py does. A category is a kind of thing of which a statement names one in a role, so that
two different members in the same role contradict each other: the pathogen of an outbreak ("salmonella" /
"E. coli"), the weapon of an attack ("knife" / "gun"), the vehicle of a crash ("bus" / "truck"), the drug of a
seizure, the animal of an attack, the relative who spoke ("his wife" / "his daughter"). Each category is the
hyponym tree of its root synsets (``ROOTS``). A noun is listed when its most frequent sense is in that tree (the
second sense too when the first is another physical object: "knife" the tool and "knife" the weapon), when it is
mostly a noun (its tagged uses as a verb or adjective, cntlist, are fewer: "bear", "train" and "seal" are left
out) and when it has no capitalised word ("Jeep", "Canis familiaris"), but for a pathogen's species name ("E.
coli"). Each output line is
``category<TAB>term<TAB>synset<TAB>ancestors`` (synset offsets; the ancestors inside the category's tree, space
separated): two terms of one category are compatible when they share a synset or one's synset is an ancestor of
the other's ("bacteria" / "salmonella", "gun" / "pistol"), and exclude each other otherwise.
WordNet's licence allows redistribution with its notice: see claimcheck/data/WORDNET-LICENSE.
"""

from __future__ import annotations

import sys
from pathlib import Path

# category -> root synsets as (lemma, sense number) of index.noun; a noun listed in one category is not listed in
# a later one ("bullet" and "missile" are weapons, not also vehicles)
ROOTS: dict[str, tuple[tuple[str, int], ...]] = {
    "pathogen": (("bacterium", 1), ("virus", 1)),
    "disease": (("infectious_disease", 1),),
    "weapon": (("weapon", 1), ("projectile", 1)),
    "vehicle": (("conveyance", 3),),
    "drug": (("drug_of_abuse", 1), ("narcotic", 1)),
    "relative": (("relative", 1),),
}
# "animal" (vertebrate, 1) was a category until session 12: on SICK test all 13 of its firings were pairs labelled
# neutral or entailment ("A cat is looking at a store counter" / "A dog is ..."), and no news fixture or ECB+
# finding needed it
# words that name any member of their category although WordNet files some members elsewhere: "vehicle" for a bus
# (WordNet puts "bus" under "public transport", beside "vehicle") and "public transport" for a car; listed as an
# ancestor of every member of the category
GENERIC: dict[str, tuple[tuple[str, int], ...]] = {"vehicle": (("vehicle", 1), ("public_transport", 1))}
# subtrees left out of their category: drinks ("beer" / "wine" are no drug that excludes another)
EXCLUDED = (("alcohol", 1),)
# the lexicographer files of physical objects: a noun whose first sense is one of these may be listed by its second
_OBJECT_FILES = {"06"}  # noun.artifact
_MIN_LETTERS = 3
# the categories whose members news name by their Latin species name ("E. coli", "Escherichia coli"); elsewhere a
# capitalised word is a taxon's or a brand's name ("Canis familiaris", "Jeep Cherokee") and is left out
_NAMED_SPECIES = {"pathogen"}


def _noun_data(root: Path) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, str]]:
    """Synset words, hypernyms (``@`` and ``@i``) and lexicographer file by offset."""
    words: dict[str, list[str]] = {}
    hypernyms: dict[str, list[str]] = {}
    lexfile: dict[str, str] = {}
    for line in (root / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split(" ")
        offset, w_cnt = parts[0], int(parts[3], 16)
        lexfile[offset] = parts[1]
        words[offset] = [parts[4 + 2 * i] for i in range(w_cnt)]
        i = 4 + 2 * w_cnt
        hypernyms[offset] = [parts[i + 2 + 4 * k] for k in range(int(parts[i]))
                             if parts[i + 1 + 4 * k] in ("@", "@i")]
    return words, hypernyms, lexfile


def _senses(root: Path, pos: str) -> dict[str, list[str]]:
    """lemma -> its synset offsets in sense order (most frequent first)."""
    out: dict[str, list[str]] = {}
    for line in (root / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split(" ")
        n_synsets, n_ptrs = int(parts[2]), int(parts[3])
        out[parts[0]] = parts[6 + n_ptrs: 6 + n_ptrs + n_synsets]
    return out


def _tag_counts(root: Path) -> dict[tuple[str, str], int]:
    """(lemma, pos letter) -> its tagged uses in the semantic concordance (cntlist.rev)."""
    out: dict[tuple[str, str], int] = {}
    pos_of = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
    for line in (root / "cntlist.rev").read_text(encoding="latin-1").splitlines():
        key, _sense, count = line.split(" ")
        lemma, _, rest = key.partition("%")
        pos = pos_of.get(rest[:1], "?")
        out[(lemma.lower(), pos)] = out.get((lemma.lower(), pos), 0) + int(count)
    return out


def _ancestors(offset: str, hypernyms: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(hypernyms.get(offset, ()))
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo += hypernyms.get(x, ())
    return seen


def main(root: str = "/usr/share/wordnet", out: str = "claimcheck/data/categories.tsv") -> None:
    """Write every listed noun of every category with its synset and its ancestors inside the category."""
    base = Path(root)
    words, hypernyms, lexfile = _noun_data(base)
    senses = _senses(base, "noun")
    counts = _tag_counts(base)
    roots = {cat: {senses[lemma][n - 1] for lemma, n in pairs} for cat, pairs in ROOTS.items()}
    excluded = {senses[lemma][n - 1] for lemma, n in EXCLUDED}
    generic = {cat: {senses[lemma][n - 1] for lemma, n in pairs} for cat, pairs in GENERIC.items()}
    lines: set[str] = set()
    for lemma, offsets in senses.items():
        for cat, tops in roots.items():
            chosen = None
            for rank, offset in enumerate(offsets[:2]):
                above = _ancestors(offset, hypernyms) | {offset}
                if above & excluded:
                    break
                if above & tops:
                    if rank == 0 or lexfile[offsets[0]] in _OBJECT_FILES:
                        chosen = offset
                    break
            if chosen is None:
                continue
            noun = counts.get((lemma, "n"), 0)
            if counts.get((lemma, "v"), 0) + counts.get((lemma, "a"), 0) > noun:
                break
            for word in words[chosen]:
                if word.lower().replace("(a)", "") != lemma:
                    continue
                term = word.replace("_", " ")
                parts = term.split()
                if sum(ch.isalpha() for ch in term) < _MIN_LETTERS or all(p[:1].isupper() for p in parts) or \
                        (cat not in _NAMED_SPECIES and any(p[:1].isupper() for p in parts)):
                    continue
                inside = (_ancestors(chosen, hypernyms) | {chosen}) & _tree(tops, hypernyms, chosen)
                inside = sorted((inside | generic.get(cat, set())) - {chosen})
                # the word's other senses in the category: "bike" is first a motorcycle, also a bicycle
                also = sorted(o for o in offsets if o != chosen and (_ancestors(o, hypernyms) | {o}) & tops
                              and not (_ancestors(o, hypernyms) | {o}) & excluded)
                lines.add(f"{cat}\t{term}\t{chosen}\t{' '.join(inside)}\t{' '.join(also)}")
            break  # listed in this category: in no later one
    header = ("# WordNet 3.0 nouns of exclusive categories (category, term, synset, ancestors in the category, the "
              "term's other senses in the category). "
              "Princeton University; see WORDNET-LICENSE. Built by scripts/build_categories.py.\n")
    Path(out).write_text(header + "\n".join(sorted(lines)) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} terms to {out}", file=sys.stderr)


def _tree(tops: set[str], hypernyms: dict[str, list[str]], offset: str) -> set[str]:
    """The synsets on ``offset``'s paths up to the category's roots (the roots included)."""
    out: set[str] = set()

    def up(x: str, path: list[str]) -> None:
        if x in tops:
            out.update(path + [x])
            return
        for h in hypernyms.get(x, ()):
            if h not in path:
                up(h, path + [x])

    up(offset, [])
    return out


if __name__ == "__main__":
    main(*sys.argv[1:])
