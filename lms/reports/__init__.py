"""Programme reports in the Wagtail admin: enrollments and completions (``queries``,
``views``), question statistics (``questions``), server-drawn bar charts
(``charts``) and the audited spreadsheet export (``export``). Registered from
lms/wagtail_hooks.py.
"""
