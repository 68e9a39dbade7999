"""When a stance counts: the date analysis orders claims by.

A claim reported today about a position held "in June 2024" counts in June
2024, not at the report's date. Partial dates count at the start of their
period; ``past`` (held before, date unknown) counts the day before the report,
so a current claim from the same report always outranks it.
"""

from __future__ import annotations

import datetime as dt


def stance_date(when: str | None, report_date: str | dt.date | None) -> str | None:
    """ISO date at which a claim's stance counts, or None when nothing dates it."""
    rd = report_date.isoformat() if isinstance(report_date, dt.date) else report_date
    if when is None:
        return rd
    if when == "past":
        if not rd:
            return None
        return (dt.date.fromisoformat(rd) - dt.timedelta(days=1)).isoformat()
    parts = when.split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1).isoformat()
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1).isoformat()
        return dt.date.fromisoformat(when).isoformat()
    except ValueError:
        return rd
