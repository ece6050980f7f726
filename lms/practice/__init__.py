"""Interview practice, the learner's side: rounds, moves, the free-text classifier,
the debrief and the trend. Content (the case and the graph) is courses'; lms reads
it through ``courses.services.get_practice_graph``. docs/decisions/0009.
"""
