"""The publishing system of Holistic Oriental Medicine's website, in parts that build on each
other, each importing only those before it:

- model: what content is (the front-matter schema, field values, slugs, site paths);
- checks: what content and published files must be, and how problems are told;
- caches: what the build keeps between runs, all in folders of one kind, which also replace the
  site whole, only once a build succeeded;
- builds: running Pelican, and how many processes a build works in;
- plugins: the build steps, one Pelican plugin each;
- hosting: the host policy and what each host reads of it (headers, redirects, nginx);
- cms: the editors' admin at /admin/ (Decap CMS), its form made from the schema;
- preview: the live preview and its local editing backend;
- importer: the move from Wix;
- provision: the programs the tests and the admin need beyond Python.
"""

from pathlib import Path

# The site this package builds: settings, content and theme beside the package, which is
# installed in place (`pip install -e .`, as the README sets it up).
PACKAGE_FOLDER = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_FOLDER.parent
