"""What the tests share besides fixtures (those are in tests/conftest.py), one module a concern:
the project and copies of it (project), building and publishing sites (builds), reading the
published pages (pages), serving and fetching them (servers), the browser (browser), GitHub
workflows (workflows) and a Wix site to import from (wix_site). Only tests import them."""
