"""A policy derived from another allows what that one does plus what is added, written in the
same order, so that the files written from it change only where the sources do."""

from holistic_oriental_medicine.hosting.host_config import widened_policy

READERS = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
}


def test_added_sources_come_after_the_ones_allowed_already():
    widened = widened_policy(READERS, {"img-src": ["blob:", "data:"]})
    assert widened["img-src"] == ["'self'", "data:", "blob:"]
    assert READERS["img-src"] == ["'self'", "data:"]  # the policy derived from is unchanged


def test_a_fetch_directive_left_out_starts_from_default_src_after_the_one_added_before_it():
    widened = widened_policy(READERS, {"img-src": ["blob:"], "connect-src": ["blob:"]})
    assert list(widened) == ["default-src", "script-src", "img-src", "connect-src", "object-src", "frame-ancestors"]
    assert widened["connect-src"] == ["'self'", "blob:"]


def test_another_directive_left_out_starts_empty():
    assert widened_policy(READERS, {"form-action": ["'self'"]})["form-action"] == ["'self'"]


def test_unsafe_eval_replaces_the_narrower_wasm_unsafe_eval():
    assert widened_policy(READERS, {"script-src": ["'unsafe-eval'"]})["script-src"] == ["'self'", "'unsafe-eval'"]
