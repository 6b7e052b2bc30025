"""Pure engines: plain Python, no Django import (usable as libraries and by distributed workers)."""
