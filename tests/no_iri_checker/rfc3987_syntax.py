"""Stand-in for the package ``rfc3987_syntax`` in the processes of the test session.

jsonschema, which nbformat, the Jupyter servers, nbconvert and nbgrader import, imports
``rfc3987_syntax`` for its "iri" string format, and that package builds about 35 parsers when
it is imported: 1.5 s of CPU in every process that reads or serves a notebook (a Jupyter or
Voila server, the site build, an nbgrader command). No Jupyter schema uses that format, and jsonschema leaves out a
format checker whose package cannot be imported, so this module only fails to import.
``tests/conftest.py`` puts this folder first on the PYTHONPATH of every process the tests start;
the grader's worker leaves it out the same way for itself (``helpers/grading/worker.py``).
"""

raise ImportError("rfc3987_syntax is left out of the test session (tests/no_iri_checker/)")
