"""Law engines: the versioned law catalogue, the applicability engine and the deadline engine.

Pure Python (no Django import). Legal facts come only from the data files in ``data/``, which cite
law and article and flag what the research could not verify.
"""
