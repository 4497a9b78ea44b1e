"""Editor: the tools City staff use to write records, beside `check`.

JSON Schemas for the editor's autocompletion (`jsonschema`), new record files and follow-up entries
to fill in (`new`), the follow-up as a spreadsheet out and back in (`sheets`), which English
texts are older than the French they translate (`translations`), and the one writer of office files,
.ods and .xlsx (`office`: the sheets and, for publish/, the open data's workbooks).
"""
