"""Which HTTP answers are worth asking again: one set for `tracker run`'s fetches, webhooks and
the Wayback Machine's client, kept apart from them so that what only needs the set (the
notifier, `run --help`) does not load the fetcher.

The answers that asking again may change: a timeout, "too early", "too many requests", and the
server errors of a server or gateway that is overloaded or restarting. Other 5xx (501 Not
Implemented, 505 HTTP Version Not Supported, 506-511...) say the request itself will fail the
same way, so they are stored as the answer at once.
"""

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
