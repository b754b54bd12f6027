"""Read: raw/ files and the source texts, read strictly and turned into typed tables, one problem per bad value."""
