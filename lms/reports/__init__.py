"""Programme reports in the Wagtail admin: enrollments and completions (``queries``,
``timeline``), final scores (``scores``), per-learner progress (``learners``),
question statistics (``questions``), server-drawn SVG charts (``charts``), shared
filters (``filters``), hooks other apps fill (``sections``) and the audited, chunked
spreadsheet export (``export``). Views in ``views``; registered from
lms/wagtail_hooks.py.
"""
