"""Export the curriculum: ``json`` (one document for apps) and ``html`` (a static site for learners).

``command.export_command`` is the click command; ``command.run_export`` the plain function behind it.
"""
