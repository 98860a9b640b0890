"""Fixtures of the demo-data tests. They share none of their own: the seeded
site is ``demo_site`` (tests/conftest.py). A fixture two demo modules need
goes here."""
