"""政府行政機關辦公日曆表 (government office calendar), one CSV per year, read by ``officecalendar.py``.

Format of the official open data (行政院人事行政總處, data.gov.tw 「中華民國政府行政機關辦公日曆表」):
``西元日期`` (YYYYMMDD), ``星期``, ``是否放假`` (2 = rest day, 0 = working day, make-up workdays included),
``備註``. Each file must list every day of its year.

STUB: ``2026.csv`` was typed in by the law-engine helper from memory so the engine and its tests could
land; it is 「未經查證」 and is replaced by the law-sectors helper with the official files (2020–2027).
"""
