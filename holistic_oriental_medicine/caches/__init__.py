"""What the build keeps between runs, all in cache folders of one kind (`folders`): Markdown
conversions, readings, and the files a build takes from its caches into the output."""
