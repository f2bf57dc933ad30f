"""Persistence: SQLAlchemy tables and the functions that read and write them.

One module per idea: ``engine`` (the one way to open the database),
``schema`` (tables), ``migrate`` (Alembic), ``users``, ``organisations``,
``assessments`` (including ``assessment_document``, the file model the rest
of the app reads), ``respondents`` (link tokens), ``answers`` (autosave),
``roadmap``, ``branding``, ``transfer`` (export/import), ``demo`` and
``backup``. Errors are in ``errors``, returned records in ``records``.

Every function takes the engine first and, when it acts for a consultant,
that consultant's id second; ownership is checked inside the function, and
someone else's data is ``errors.NotFound``. Respondents reach the store only
through ``respondents.respondent_for_token``. See docs/deployment.md.
"""
