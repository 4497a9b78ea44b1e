"""Sheets: the City's follow-up as a spreadsheet, out and back in (issue 16).

    python -m generator sheet export --cohort promotion-1 [--topic ID] [--format ods|xlsx|csv]
    python -m generator sheet import FILE|FOLDER ... [--format text|github] [--remove] [--dry-run]

- `columns`: the columns of both kinds of sheet (follow-up, new measures), the field each fills,
  and the explanation sheet, from the schema (`schema.py`) and data/statuses.yml;
- `export`: a cohort's measures as a workbook to fill in, written as ODS, XLSX or CSV; also the
  files the site publishes beside each cohort's follow-up report (`site_sheets`, via
  `exports.site_files`);
- `read`: ODS (odfpy), XLSX (openpyxl) and CSV files into cells, and cells into the text values
  records hold (dates, percentages, labels as spreadsheets store them; ambiguity refused);
- `imports`: filled-in rows into follow-up entries appended to recommendation files (and new
  measures as new files), validated with `check`'s own schema and rules, or every wrong cell
  located as file › sheet › row › column;
- `messages`: those problems in French, for the cell they come from.

Nothing here prints: the command line (`cli.py`) does. Nothing is written unless every row is right.
"""
