"""The benchmark harness behind `make bench` (see BENCHMARKS.md).

Run it with ``.venv/bin/python -m bench``; declare rows in ``bench/scenarios.py``.
It is a development tool: nothing in cms, courses or lms imports it.
"""
