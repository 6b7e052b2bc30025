"""Risk tests reuse the inventory fixtures (organisation, seeded codes, files, systems)."""

from tests.inventory.conftest import file_data, make_file, officer, org, seeded, system  # noqa: F401
