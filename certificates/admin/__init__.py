"""The certificates' Wagtail admin for program administrators: permission policy,
listing filters, forms, the listing viewset, one certificate's page and actions, the
approval queue and the streamed ZIP. Registered from ``certificates/wagtail_hooks.py``;
the actions and their audit-log entries are in ``certificates.services``.
"""
