"""A production build refuses to start while `clinic.toml` holds the example clinic facts
(`example_values = true`) or SITEURL, the site's public address, is missing or an example,
unless PUBLISH_EXAMPLE_VALUES is on (tests publish them on purpose).
"""

import re
from urllib.parse import urlsplit

from pelican import signals

from holistic_oriental_medicine.model.clinic import CLINIC_FILE

# Names reserved for examples and tests (RFC 2606, RFC 6761): no reader can ever reach them.
RESERVED_HOST = re.compile(r"(^|\.)(example|test|invalid|localhost|example\.(com|net|org))$", re.IGNORECASE)
SITEURL_FIX = (
    "Fix: set SITEURL to the site's public address: in publishconf.py, or for one run "
    "`SITEURL=https://www.your-clinic.com invoke publish`, or for GitHub's workflow as the "
    "repository variable SITEURL (Settings > Secrets and variables > Actions > Variables)."
)


class ExampleValues(SystemExit):
    """The clinic facts or the site's address are examples: the build ends here with exit
    status 1, without a traceback an editor cannot use."""


def example_value_problems(settings):
    """One line for each thing in the production settings that is still an example."""
    problems = []
    if settings["CLINIC"].get("example_values"):
        problems.append(
            f"{CLINIC_FILE}: example_values = true: the phone number, e-mail, address and booking "
            f"link are still examples, not the clinic's. Fix: write the clinic's own facts in "
            f"{CLINIC_FILE}, then set example_values = false."
        )
    site_url = settings.get("SITEURL")
    if not site_url:
        problems.append(f"publishconf.py: SITEURL is empty. {SITEURL_FIX}")
    elif RESERVED_HOST.search(urlsplit(site_url).hostname or ""):
        problems.append(
            f'publishconf.py: SITEURL: "{site_url}" is an example address that no reader can '
            f"reach. {SITEURL_FIX}"
        )
    return problems


def refuse_example_values(pelican):
    refuse_example_settings(pelican.settings)


def refuse_example_settings(settings):
    problems = example_value_problems(settings)
    if problems and not settings.get("PUBLISH_EXAMPLE_VALUES"):
        raise ExampleValues(
            "\n".join(problems) + "\n  (To publish a test build anyway, set PUBLISH_WITH_EXAMPLE_VALUES=1.)"
        )


def register():
    signals.initialized.connect(refuse_example_values)

