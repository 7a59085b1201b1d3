"""A new entry the CMS saves gets the file name and address `invoke new` gives the same title."""

import json
import subprocess
from pathlib import Path

import yaml
from invoke import Context

import tasks
from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.model.slugs import MAX_SLUG_LENGTH

SLUG_SCRIPT = Path(__file__).with_name("slug.js")
TITLES = [
    "Acupuncture for Stress",
    "Moxibustion: Warmth That Heals",
    "What's Qi? A Beginner's Guide",
    "Cupping & Gua Sha — Myths vs. Facts",
    "Naïve Questions About Acupressure",
    "Café Talk: Crème Brûlée and Digestion",
    "  Spaces   everywhere  ",
    "10 Tips for Better Sleep (2025 Edition)",
    "<em>Emphasised</em> Title",
    "A " + "very-long " * 15 + "title about lower back pain",
    "Rücken, Schulter & Nacken",
    # One word longer than an address may be: cut inside it, to the limit.
    "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3 + " and acupuncture",
]


def slugs_of_slug_js(titles, max_length):
    script = (
        f"require({str(SLUG_SCRIPT)!r});"
        f"console.log(JSON.stringify({json.dumps(titles)}.map((t) => globalThis.slugFor(t, {max_length}))));"
    )
    return json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)


def slug_of_invoke_new(title, content, capsys):
    tasks.new(Context(), title, content=str(content))
    path = Path(capsys.readouterr().out.strip())
    path = path if path.is_absolute() else PROJECT_ROOT / path
    _, front_matter, _ = path.read_text(encoding="utf-8").split("---\n", 2)
    return path.stem, yaml.safe_load(front_matter)["slug"]


def test_slug_js_names_an_entry_as_invoke_new_does(tmp_path, capsys):
    expected = []
    for number, title in enumerate(TITLES):
        file_name, slug = slug_of_invoke_new(title, tmp_path / str(number), capsys)
        assert file_name == slug
        expected.append(slug)
    assert all(len(slug) <= MAX_SLUG_LENGTH for slug in expected)
    assert slugs_of_slug_js(TITLES, MAX_SLUG_LENGTH) == expected
