"""`python -m holistic_oriental_medicine.plugins.example_values`: the same refusal from the
production settings alone, before any build: the publishing workflow's first step, so that a
missing SITEURL stops it at once, not after every test."""

from pelican.settings import read_settings

from holistic_oriental_medicine import PROJECT_ROOT

from . import refuse_example_settings

refuse_example_settings(read_settings(str(PROJECT_ROOT / "publishconf.py")))
