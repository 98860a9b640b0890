"""Fixtures of the people tests. No two modules define the same fixture: each
keeps the learners and staff its tests meet, on the ``places`` every room
shares (tests/lms/conftest.py). A fixture two people modules need goes here.

``trainer`` (test_staff_households.py) and ``trainer_client``
(test_assisted_registration.py) sign in the same trainer of Khóm 1 but hand
the tests different things (the account, the client), so they stay apart."""
