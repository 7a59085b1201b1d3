"""The build steps: one Pelican plugin each, listed in PLUGINS (pelicanconf.py). What they do
past the public hooks of the code they build on is in `upstream_patches`, and only there."""
