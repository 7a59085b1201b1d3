"""What content is: the front-matter schema, its field values, slugs and the site's paths.
Imports nothing else of the package."""
