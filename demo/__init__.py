"""Demo content, kept out of the runtime apps: `load_demo` runs the loaders in `DEMO_LOADERS`.

One module per app (`site`, `resources`, `events`, `watch`, `digests`), shared helpers in
`utils`, and the watch's sample feeds and pages in `data/` (the watch tests read them too).
"""
