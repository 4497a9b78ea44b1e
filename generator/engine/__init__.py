"""Engine: the one place that talks to MkDocs (and, through it, to Material and mkdocs-static-i18n).

`plugin` is the MkDocs plugin (entry point `droit-de-suite` in pyproject.toml): it adds the generated
pages in memory and lets MkDocs validate every link; `csp` is the Content-Security-Policy every page
carries. docs/engine.md says what the project uses of MkDocs and Material, for a future change of engine.
"""
