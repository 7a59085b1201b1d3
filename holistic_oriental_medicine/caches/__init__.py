"""What the build keeps between runs: Markdown conversions, readings, kept files."""
