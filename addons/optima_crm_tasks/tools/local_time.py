# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Naive UTC (how Odoo stores datetimes) to and from a task's local wall clock.

zoneinfo rather than pytz: pytz stops applying DST after 2037, which a long cyclic series
reaches; tools/cycle.py reads skipped and repeated hours the same way.
"""

from datetime import timezone
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Europe/Warsaw"


def local_tz(tz_name):
    return ZoneInfo(tz_name or DEFAULT_TZ)


def to_local(value, tz_name):
    """Naive UTC datetime -> aware local datetime."""
    if not value:
        return None
    return value.replace(tzinfo=timezone.utc).astimezone(local_tz(tz_name))


def to_utc(local_value, tz_name):
    """Naive local wall-clock datetime -> naive UTC datetime."""
    aware = local_value.replace(tzinfo=local_tz(tz_name))
    return aware.astimezone(timezone.utc).replace(tzinfo=None)
