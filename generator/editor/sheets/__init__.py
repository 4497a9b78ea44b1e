"""Sheets: the City's follow-up as a spreadsheet, out and back in (issue 16).

    python -m generator sheet export --cohort promotion-1 [--topic ID] [--format ods|xlsx|csv]
    python -m generator sheet import FILE|FOLDER ... [--format text|github] [--remove] [--dry-run] [--base REF]

- `columns`: the columns of both kinds of sheet (follow-up, new measures), the field each fills,
  and the explanation sheet, from the schema (`schema.py`) and data/statuses.yml;
- `export`: a cohort's measures as a workbook to fill in, written as ODS, XLSX or CSV; also the
  files the site publishes beside each cohort's follow-up report (`site_sheets`, via
  `exports.site_files`);
- `read`: ODS (streamed), XLSX (openpyxl) and CSV files into cells, every limit checked as they
  are read (`bounded`: no link followed, zip members unpacked within limits), and cells into the text values
  records hold (dates, percentages, labels as spreadsheets store them; ambiguity refused);
- `rows`: a sheet's filled-in rows, each cell read, each row located (file › sheet › row), a
  measure of another cohort than the sheet's refused;
- `plan`: the rows into the would-be files: follow-up entries appended to recommendation files
  (corrections among them), entries imported earlier on the same branch replaced, new measures as
  new files; a row that repeats another, restates or contradicts a published entry, or would change
  a published measure, refused (issue 22: what is published is what the base revision holds);
- `imports`: the transaction: the would-be data checked with `check`'s own schema and rules, and
  with `check --base`'s history, then written, or every problem located as file › sheet › row ›
  column;
- `messages`: those problems for the cell they come from, in the editor's language (the catalogues'
  `sheet_…` messages, as every message of the import: French by default, English with `--lang en`).

Nothing here prints: the command line (`cli.py`) does. Nothing is written unless every row is right.
"""
