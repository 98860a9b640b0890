"""Fixtures of the access tests. Their one module uses only what every room
shares (``places``, in tests/lms/conftest.py); a fixture two access modules
need goes here."""
