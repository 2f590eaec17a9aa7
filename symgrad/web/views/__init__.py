"""The pages as Flask blueprints: ``derive``, ``check`` (with grading), ``explain`` (with
tracing) and ``fit``, each a module of views rendering its Jinja2 template."""
