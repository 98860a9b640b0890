"""Trainer and manager reports. Each report is built once, as a
:class:`~lms.reports.base.Report`, and the same object is rendered as HTML and
written as CSV or XLSX, so an export always matches the screen."""
