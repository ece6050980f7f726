"""Demo and benchmark data: development, tests and ``make bench`` only.

Installed as the ``puente_demo`` app by ``lms.settings.dev``, ``test`` and ``bench``;
production settings neither import nor install it (tests/test_architecture.py).
Like the URL configuration it composes all three apps: ``courses`` (the home page
and the courses of fixtures/), ``accounts`` (one account per role), ``activity``
(fictional learners and what they did), ``certificates`` (the program
administrator's decisions) and ``bench`` (the ``seed_bench`` data).
"""
