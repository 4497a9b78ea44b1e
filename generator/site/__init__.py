"""Site: the pages residents read, in French and English.

The validated records as one resolved object (`model`), rendered into page bodies (`render`) with
the site's words (`i18n`), charts drawn as inline SVG (`charts`), French and English typography
(`typography`), and what the search index needs beyond the pages (`search`). No file is written
here: the build hands the pages to MkDocs (`generator.engine`).
"""
