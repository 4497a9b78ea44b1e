"""Records: the data's own rules, for everyone who writes or checks a record.

Reading a YAML file strictly with positions (`load`), the schema every record follows (`schema`),
the record types stored one file per record, declared once for every layer (`kinds`),
every problem in one pass (`validate`), the rule that a published follow-up entry is never edited
(`history`), the legal items a published site must state (`legal`), and the text rules every output
shares: safe Markdown (`markup`), contact details (`contacts`), spreadsheet cells (`cells`),
located problems (`problems`), and the schema described field by field (`reference`).
Nothing here renders a page (`kinds` only names where the layers above put each record type), or
knows about MkDocs or the command line.
"""
