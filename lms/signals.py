"""Signals other parts of the app listen to.

Both are sent by ``lms.learning.services.records`` after the recording transaction has
committed (``transaction.on_commit``), so a receiver never acts on a
completion that was rolled back. Receivers (issuing a certificate, refreshing
a summary) must be idempotent: rebuilding derived state does not send them.

- ``course_completed``: ``learner`` (lms.Learner), ``course``
  (courses.CoursePage), ``completed_at`` (datetime).
- ``program_completed``: ``learner``, ``program`` (courses.FourTProgramPage),
  ``completed_at``.
"""

from django.dispatch import Signal

course_completed = Signal()
program_completed = Signal()
