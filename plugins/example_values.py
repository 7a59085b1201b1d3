"""A production build refuses to start while `clinic.toml` holds the example clinic facts
(`example_values = true`), unless PUBLISH_EXAMPLE_VALUES is on (tests publish them on purpose).
"""

from pelican import signals

# Where pelicanconf.py reads the clinic facts (CLINIC) from.
CLINIC_FILE = "clinic.toml"


class ExampleValues(SystemExit):
    """The clinic facts are examples: the build ends here with exit status 1, without a
    traceback an editor cannot use."""


def refuse_example_values(pelican):
    settings = pelican.settings
    if not settings["CLINIC"].get("example_values") or settings.get("PUBLISH_EXAMPLE_VALUES"):
        return
    clinic = CLINIC_FILE
    raise ExampleValues(
        f"{clinic}: example_values = true: the phone number, address and booking link are still "
        "examples, not the clinic's.\n"
        f"  Fix: write the clinic's own facts in {clinic}, then set example_values = false.\n"
        "  (To publish a test build anyway, set PUBLISH_WITH_EXAMPLE_VALUES=1.)"
    )


def register():
    signals.initialized.connect(refuse_example_values)
