# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Naive UTC (how Odoo stores datetimes) to and from a task's local wall clock."""

import pytz

DEFAULT_TZ = "Europe/Warsaw"


def local_tz(tz_name):
    return pytz.timezone(tz_name or DEFAULT_TZ)


def to_local(value, tz_name):
    """Naive UTC datetime -> aware local datetime."""
    return pytz.utc.localize(value).astimezone(local_tz(tz_name)) if value else None


def to_utc(local_value, tz_name):
    """Naive local wall-clock datetime -> naive UTC datetime."""
    aware = local_tz(tz_name).localize(local_value)
    return aware.astimezone(pytz.utc).replace(tzinfo=None)
