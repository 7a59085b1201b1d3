"""kept_files: a cache's file is put in the output as a link to it, in place of a file there,
and copied when a link cannot be made."""

import os

from holistic_oriental_medicine.caches import kept_files

from .kept_files import link_or_copy


def test_a_kept_file_is_linked_in_place_of_an_older_file(tmp_path):
    kept, output = tmp_path / "card.png", tmp_path / "card-in-output.png"
    kept.write_bytes(b"new card")
    output.write_bytes(b"old card")
    link_or_copy(kept, output)
    assert output.read_bytes() == b"new card"
    assert os.path.samefile(kept, output)


def test_a_kept_file_is_copied_when_it_cannot_be_linked(tmp_path, monkeypatch):
    def no_link(source, destination):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(kept_files.os, "link", no_link)
    kept, output = tmp_path / "index.js", tmp_path / "index-in-output.js"
    kept.write_bytes(b"index")
    link_or_copy(kept, output)
    assert output.read_bytes() == b"index"
    assert not os.path.samefile(kept, output)
