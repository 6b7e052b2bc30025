"""Example inputs for the deadline preview."""
