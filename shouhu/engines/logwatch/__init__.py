"""Log monitoring engine: parse access and database logs, detect abnormal access, store events.

Pure Python (no Django import); usable as a library, from the CLI and from a worker. The Django app
``shouhu.logwatch`` keeps sources, offsets, alerts and decisions; this package does the reading.
"""

from .blocklist import Blocklist, ParsedList
from .blocklist import parse as parse_blocklist
from .detect import Config, Detector, Endpoint, Finding, volume_findings
from .events import COLUMN_NAMES, REASONS, Col, Reject, RejectTally, Row
from .geo import CountryLookup
from .parsers import FORMATS, Format, Parser, make_parser
from .pipeline import ReadResult, run
from .rules import RULES, Param, Rule, settings_for
from .workcal import WorkingTime, local_day

__all__ = [
    "COLUMN_NAMES",
    "FORMATS",
    "REASONS",
    "RULES",
    "Blocklist",
    "Col",
    "Config",
    "CountryLookup",
    "Detector",
    "Endpoint",
    "Finding",
    "Format",
    "Param",
    "ParsedList",
    "Parser",
    "ReadResult",
    "Reject",
    "RejectTally",
    "Row",
    "Rule",
    "WorkingTime",
    "local_day",
    "make_parser",
    "parse_blocklist",
    "run",
    "settings_for",
    "volume_findings",
]
