"""`python -m holistic_oriental_medicine.preview SETTINGS CONTENT OUTPUT HOST PORT`: how the preview starts again
after its settings or plugins change (`invoke livereload` starts it the first time)."""

import sys

from . import serve_live_preview

settings_file, content, output, host, port = sys.argv[1:]
serve_live_preview(settings_file, content or None, output or None, host, int(port))
