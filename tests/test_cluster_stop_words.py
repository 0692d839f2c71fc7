"""The story words' stop list (claimcheck/stages/cluster/stories.py) is scikit-learn's English list, copied so that
clustering does not import sklearn's text module: the sets must stay equal, or event groups would change."""

import subprocess
import sys

import pytest

from claimcheck.stages.cluster import stories


def test_cluster_stop_words_equal_scikit_learn_english_list():
    sk = pytest.importorskip("sklearn.feature_extraction._stop_words")
    assert stories._ENGLISH_STOP_WORDS == frozenset(sk.ENGLISH_STOP_WORDS)
    assert stories._stop_words() == frozenset(sk.ENGLISH_STOP_WORDS) | {"said", "says", "told", "year", "years"}


def test_cluster_stop_words_do_not_import_sklearn():
    code = ("import sys; from claimcheck.stages.cluster.stories import _stop_words; _stop_words(); "
            "print(any(m == 'sklearn' or m.startswith('sklearn.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
