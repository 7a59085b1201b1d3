"""The build steps: one Pelican plugin each, listed in PLUGINS (pelicanconf.py)."""
