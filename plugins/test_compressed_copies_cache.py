"""compressed_copies_cache: a publish compresses only what changed, and writes the same copies."""

import gzip
import shutil

from conftest import PROJECT_ROOT, publish_content


def files_of(site):
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_unchanged_files_reuse_their_copies_and_changed_ones_are_compressed_again(tmp_path):
    content, cache = tmp_path / "content", tmp_path / "compressed"
    shutil.copytree(PROJECT_ROOT / "content", content)
    first = files_of(publish_content(content, tmp_path / "first", COMPRESSED_COPIES_CACHE=str(cache)))
    copies = {data for name, data in first.items() if name.endswith((".br", ".gz"))}
    assert {path.read_bytes() for path in cache.iterdir()} == copies

    # A copy from the cache is put in place as it is: prove it with a gzip of the same page
    # made at another level, which pelican-precompress would never write itself.
    home = first["index.html"]
    (cached_home,) = [path for path in cache.glob("*.gz") if gzip.decompress(path.read_bytes()) == home]
    marked = gzip.compress(home, compresslevel=1, mtime=0)
    cached_home.write_bytes(marked)
    about = content / "pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nWe also offer moxibustion.\n", encoding="utf-8")
    second = files_of(publish_content(content, tmp_path / "second", COMPRESSED_COPIES_CACHE=str(cache)))
    assert second["index.html.gz"] == marked

    clean = files_of(publish_content(content, tmp_path / "clean", COMPRESSED_COPIES_CACHE=""))
    assert sorted(second) == sorted(clean)
    assert [name for name in clean if name != "index.html.gz" and second[name] != clean[name]] == []
    assert second["about/index.html.br"] != first["about/index.html.br"]


def test_a_file_is_hashed_once_unless_it_is_written_again(tmp_path, monkeypatch):
    import compressed_copies_cache

    page = tmp_path / "index.html"
    page.write_text("<p>One</p>", encoding="utf-8")
    first = compressed_copies_cache.file_hash(page)
    reads = []
    read_bytes = type(page).read_bytes
    monkeypatch.setattr(type(page), "read_bytes", lambda path: reads.append(path) or read_bytes(path))
    assert compressed_copies_cache.file_hash(page) == first
    assert reads == []
    page.write_text("<p>Two</p>", encoding="utf-8")  # as long as before: the time tells
    assert compressed_copies_cache.file_hash(page) != first
    assert reads == [page]
