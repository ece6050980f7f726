"""Cohorts in the Wagtail admin: the CSV bulk enrollment (``csv_import``), the
invitations it sends (``invitations``, ``tasks``), the per-learner progress table
(``progress``) and the admin views (``views``). Registered from lms/wagtail_hooks.py;
only program administrators reach any of it.
"""
