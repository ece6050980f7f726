"""Business rules of the learner's side: enrollment, progress, attempts, completion.

Views, template tags and other apps call these functions; nothing else writes
lms's learning records.
"""
