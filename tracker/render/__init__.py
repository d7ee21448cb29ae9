"""Renderers: a Report (plus the two captures' metadata) to terminal, JSON, Markdown, GitHub."""
