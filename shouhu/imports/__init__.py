"""Pending imports (platform app): upload → preview with row-level zh-TW errors → fix → confirm → bulk write.

The reading, the spec protocol and the cell parsers are in ``shouhu.core.importing``; this app keeps the
pending batch (``ImportBatch``), the services that check permissions and write audit rows, the pages and the
background job for large confirmations. Every domain app's import spec registers with
``shouhu.core.importing.base.register``. See docs/DEVELOPING.md, "Imports".
"""
