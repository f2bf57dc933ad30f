"""The ``veerkracht`` sub-commands by group; ``cli.build_parser`` registers each module's ``register``.

- ``store``: db, user, export, import, demo, backup;
- ``privacy``: respondent, assessment, purge;
- ``questionnaire``: the authoring tools.
"""
