"""The engine: bytes or text in, a Comparison out, as pure functions in pipeline order.

``ingest`` (bytes → text) → ``normalize`` (text → Document) → ``align`` (clause lists →
groups) → ``inline`` (word and character spans of a changed pair) → ``classify`` (what kind
of change, and the summary) → ``pipeline.compare``, which runs them in that order. No web
framework, storage or presentation is imported here.
"""
