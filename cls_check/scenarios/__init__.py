"""The French specifications, run without a test framework.

``steps`` defines each French step once (what it matches, what it does, an example);
``runner`` runs the scenarios of ``features/*.feature`` with them for ``cls-check rules
test``; pytest-bdd runs the same definitions (``features/conftest.py``). ``coverage`` says
which verdicts no scenario reaches; ``doc`` writes the list of steps for legal staff.
"""
