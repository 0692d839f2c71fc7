"""``claimcheck/gcpause.py``: the cyclic garbage collector is off inside ``gc_paused`` and on again after it, also
after an error; a collector that was off stays off."""

from __future__ import annotations

import gc

import pytest

from claimcheck.gcpause import gc_paused


def test_gc_paused_turns_the_collector_off_inside_and_on_after_even_after_an_error_gcpause() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("inside")
    assert gc.isenabled()


def test_gc_paused_leaves_a_collector_that_was_off_off_gcpause() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
