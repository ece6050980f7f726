"""Business rules of interview practice: ``rounds`` writes (start, move, finish);
``debrief`` reads (the round's page, the debrief, the trend, the practice's status).
"""
