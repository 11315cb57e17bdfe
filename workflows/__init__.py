"""Workflows: state machines, policy evaluation and the services that fire transitions.

Nothing here imports Flask: every service runs, and is tested, on a plain SQLAlchemy session.
"""
