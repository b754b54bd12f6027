"""Schema: the column declarations of schemas/ and everything derived from them (dtypes, Pandera, Arrow, Frictionless)."""
