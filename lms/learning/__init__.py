"""Learning: enrollment, lesson progress, quiz attempts, completion, the dashboard.

Models in ``models``, business rules in ``services``, thin views in ``views``; other
apps call the services, never write these tables.
"""
