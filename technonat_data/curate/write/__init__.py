"""Write: the files of one release from validated tables (Parquet, CSV, datapackage.json, SQLite); no release concerns."""
