"""Running Pelican: its command line, and how many processes a build works in. A build writes
into a staging folder that replaces the site only when it succeeded (caches/folders.py)."""
