"""Alerting for scheduled jobs: rules decide which changes matter, `check` reports and notifies.

Kept apart from the differ, which only says what changed; whether it matters is a user's policy.
"""
