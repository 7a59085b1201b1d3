"""Running Pelican: its command line, and the staging folder that replaces the site only when
the build succeeded."""
