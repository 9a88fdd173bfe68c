"""Files from users and for users: CSV as every Excel writes it, XLSX, Parquet; read with certainty
or refused with one line; written as a set, atomically, in the input's dialect, safe to open in a
spreadsheet. Input and output only: what is decided from them lives in optimizer.decisions, and
optimizer.jobs joins the two."""
