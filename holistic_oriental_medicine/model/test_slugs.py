"""slugs: one rule shortens an address that is too long, at the end of a word."""

from .slugs import MAX_SLUG_LENGTH, shortened_slug


def test_a_slug_that_fits_is_kept_whole():
    assert shortened_slug("acupuncture-for-stress") == "acupuncture-for-stress"
    assert shortened_slug("a" * MAX_SLUG_LENGTH) == "a" * MAX_SLUG_LENGTH


def test_a_long_slug_ends_after_the_last_word_that_fits():
    slug = "-".join(["acupuncture"] * 20)
    shortened = shortened_slug(slug)
    assert len(shortened) <= MAX_SLUG_LENGTH
    assert shortened == "-".join(["acupuncture"] * 8)
    assert shortened_slug("stress-and-sleep", 12) == "stress-and"


def test_a_word_that_ends_exactly_at_the_limit_is_kept():
    assert shortened_slug("stress-and-sleep", 10) == "stress-and"


def test_a_first_word_longer_than_the_limit_is_cut_inside_it():
    assert shortened_slug("b" * 150 + "-pain") == "b" * MAX_SLUG_LENGTH
    assert shortened_slug("acupuncture-for-stress", 5) == "acupu"
