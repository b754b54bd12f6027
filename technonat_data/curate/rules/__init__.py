"""Rules: every check of the typed rows (columns, cross-table links, quotes, dates, numbers, sentences, statements)
and the columns those checks compute."""
