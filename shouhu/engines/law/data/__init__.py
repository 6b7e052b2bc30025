"""Law catalogue data files (TOML), loaded by shouhu.engines.law.catalogue."""
