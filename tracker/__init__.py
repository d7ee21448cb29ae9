"""tracker: keep captures of a page in git and report what changed between them."""

__version__ = "0.1.0"
