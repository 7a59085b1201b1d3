"""compressed_copies_cache: a publish compresses only what changed, and writes the same copies."""

import gzip
from pathlib import Path
from types import SimpleNamespace

from support.plugin_builds import build, copy_of

TEST_DATA = Path(__file__).with_name("test_data")


def files_of(site):
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def publish(content, output, caches):
    """A production build (the one that compresses) with this plugin alone."""
    return build(content, output, ["compressed_copies_cache"], production=True, caches=caches)


def test_unchanged_files_reuse_their_copies_and_changed_ones_are_compressed_again(tmp_path):
    content, caches = copy_of(TEST_DATA, tmp_path / "content"), tmp_path / "caches"
    cache = caches / "compressed"
    first = files_of(publish(content, tmp_path / "first", caches))
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
    second = files_of(publish(content, tmp_path / "second", caches))
    assert second["index.html.gz"] == marked

    clean = files_of(publish(content, tmp_path / "clean", tmp_path / "empty-caches"))
    assert sorted(second) == sorted(clean)
    assert [name for name in clean if name != "index.html.gz" and second[name] != clean[name]] == []
    assert second["about/index.html.br"] != first["about/index.html.br"]


def test_only_the_files_with_no_kept_copies_are_given_to_pelican_precompress(tmp_path, monkeypatch):
    import brotli

    from holistic_oriental_medicine.plugins import compressed_copies_cache

    given = []
    run_precompress = compressed_copies_cache.run_precompress

    def counted(pelican, folder):
        given.append(sorted(path.relative_to(folder).as_posix() for path in Path(folder).rglob("*.html")))
        run_precompress(pelican, folder)

    monkeypatch.setattr(compressed_copies_cache, "run_precompress", counted)

    def publish(name, pages):
        output = tmp_path / name
        for page, text in pages.items():
            (output / page).parent.mkdir(parents=True, exist_ok=True)
            (output / page).write_text(f"<p>{text}</p>" * 50, encoding="utf-8")
        settings = {"OUTPUT_PATH": str(output), "PRECOMPRESS_BROTLI": True, "PRECOMPRESS_GZIP": True,
                    "PRECOMPRESS_ZOPFLI": False, "PRECOMPRESS_ZSTANDARD": False,
                    "PRECOMPRESS_TEXT_EXTENSIONS": {".html"}, "CACHE_PATH": str(tmp_path / "caches")}
        compressed_copies_cache.compress(SimpleNamespace(settings=settings, output_path=str(output)))
        return output

    pages = {"index.html": "Home", "about/index.html": "About", "tag/calm/index.html": "Calm"}
    publish("first", pages)
    second = publish("second", {**pages, "about/index.html": "About, again"})
    assert given == [["about/index.html", "index.html", "tag/calm/index.html"], ["about/index.html"]]
    for page in pages:
        original = (second / page).read_bytes()
        assert brotli.decompress((second / f"{page}.br").read_bytes()) == original
        assert gzip.decompress((second / f"{page}.gz").read_bytes()) == original
    assert not list(second.parent.glob("caches/.compressing-*")) and not list(tmp_path.glob(".compressing-*"))
