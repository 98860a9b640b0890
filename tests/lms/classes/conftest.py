"""Fixtures of the class tests. Their one module keeps its own (the client in
English and the classes world of tests/lms/classes_helpers.py); a fixture two
class modules need goes here."""
