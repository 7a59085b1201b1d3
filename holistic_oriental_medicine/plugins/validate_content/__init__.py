"""The build as a gate: every problem in the content is found, reported, and stops the build.

Before Pelican walks the content folder, clinic.toml's practitioners are checked
(`practitioners`), and the folder for links that loop and for files no reader would publish
(`site_checks`). Markdown files are read by `CheckedMarkdownReader` (`reader`), which checks
each one (its front matter against the schema in `front_matter`) and skips those with
problems; their bodies are converted once (`conversions`). The whole reading of each clean
source is cached between builds under a fingerprint of everything it depends on, so it is never
stale (`readings`, `reading_fingerprint`), and the sources missing from that cache are read on
every core before Pelican asks for them (`parallel_reading`). Once everything is read, the
addresses and links of the
whole site are checked (`site_checks`), and health claims without a source are warned about
(`claims`). Warnings are printed and the build goes on; if a problem was found, every problem
is printed, one per line, and the build stops before writing (`problems`).
"""

from pelican import signals

from holistic_oriental_medicine.caches.conversions import conversion_cache
from holistic_oriental_medicine.caches.readings import reading_cache
from holistic_oriental_medicine.checks.claims import report_uncited_claims
from holistic_oriental_medicine.checks.practitioners import report_practitioner_problems
from holistic_oriental_medicine.checks.problems import build, shown_path
from holistic_oriental_medicine.checks.settings_checks import check_site_values
from holistic_oriental_medicine.checks.site_checks import (
    check_addresses,
    check_file_links,
    check_internal_links,
    check_links_to_unpublished,
    check_redirects,
    check_static_files,
    check_tag_count,
    report_files_that_are_not_markdown,
    report_markdown_the_build_ignores,
    skip_links_out_of_the_content,
    skip_symlink_loops,
    written_contents,
)

from .parallel_reading import read_in_parallel
from .reader import CheckedMarkdownReader


def use_checked_reader(readers):
    for extension in CheckedMarkdownReader.file_extensions:
        readers.reader_classes[extension] = CheckedMarkdownReader


def start_build(pelican):
    focus = pelican.settings.get("CHECK_FOCUS")
    build.start(focus=shown_path(focus, pelican.settings) if focus else None)
    check_site_values(pelican.settings)
    report_practitioner_problems(pelican.settings)
    skip_symlink_loops(pelican.settings)
    skip_links_out_of_the_content(pelican.settings)
    report_files_that_are_not_markdown(pelican.settings, set(CheckedMarkdownReader.file_extensions))
    report_markdown_the_build_ignores(pelican.settings, set(CheckedMarkdownReader.file_extensions))
    conversion_cache.start(pelican.settings)
    reading_cache.start(pelican.settings)
    read_in_parallel(pelican.settings, CheckedMarkdownReader)


def stop_on_problems(generators):
    check_addresses(generators)
    check_file_links(generators)
    check_redirects(generators)
    check_static_files(generators)
    check_tag_count(generators)
    check_links_to_unpublished(generators)
    check_internal_links(generators)
    conversion_cache.save()
    reading_cache.save()
    report_uncited_claims(written_contents(generators))
    build.report()


def register():
    signals.initialized.connect(start_build)
    signals.readers_init.connect(use_checked_reader)
    signals.all_generators_finalized.connect(stop_on_problems)
