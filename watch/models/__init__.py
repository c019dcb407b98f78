"""Models of the watch: sources and collected items (collection), subscribers and digests (mailing).

Each concern lives in its own module; import them here so Django finds every model.
"""
