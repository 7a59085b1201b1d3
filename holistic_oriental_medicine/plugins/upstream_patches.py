"""The two places where the plugins reach past the public hooks of Pelican and its plugins,
because no hook does the job, each tied by a test (`test_upstream_patches.py`) to the upstream
code it relies on, so that an upgrade that changes that code stops the tests until it is
checked again.

One more reliance is not a patch but is tied the same way: validate_content's reader is a
subclass of pelican-yaml-metadata's and uses two of its private members (`_md`, the Markdown
converter, and `_parse_yaml_metadata`), so that Pelican gets the metadata that plugin makes.

Everything else uses public hooks only: Pelican's signals (a writer of our own through
`get_writer`, readers through `readers_init`, templates' globals through `generator_init`), its
settings, pelican-granular-signals' steps, and Jinja's documented subclassing of its
environment.
"""

from types import SimpleNamespace

from pelican.plugins import precompress


def use_environment_class(generator, environment_class):
    """Give `generator` a Jinja environment of `environment_class` (a subclass of Jinja's
    Environment) with everything its own has: the same loader, options, extensions, filters,
    globals, tests and policies.

    Pelican makes each generator's environment itself, in Generator.__init__, and renders every
    template through `generator.env`; it has no setting for the environment's class, only for
    its options (JINJA_ENVIRONMENT). So on `generator_init`, the last moment before templates
    are loaded, the environment is made again, of the class asked for."""
    plain = generator.env
    options = {name: value for name, value in generator.settings["JINJA_ENVIRONMENT"].items()
               if name != "extensions"}
    environment = environment_class(loader=plain.loader, extensions=list(plain.extensions), **options)
    environment.filters.update(plain.filters)
    environment.globals.update(plain.globals)
    environment.tests.update(plain.tests)
    environment.policies.update(plain.policies)
    generator.env = environment


def precompress_folder(settings, folder):
    """pelican-precompress's compression of every file in `folder`, with Pelican's `settings`.

    pelican-precompress compresses the whole output folder of the Pelican object its `compress`
    receiver is given; it reads every file there and sends each one to its worker processes,
    even a file whose copy is in place already (0.7 to 1.7 s of a 300-article publish whose
    copies all come from the cache). It has no function for some files only, and reads nothing
    of the Pelican object but its settings: so it is given an object holding only the settings,
    with `folder` as the output."""
    precompress.compress_files(SimpleNamespace(settings={**settings, "OUTPUT_PATH": str(folder)}))
