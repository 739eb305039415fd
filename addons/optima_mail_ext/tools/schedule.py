# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The auto-sender's slots: a pure function of (configuration, now, consumed slots) (AUTO-02).

Slots are local wall-clock times of one day: the start, then start + k × interval while
not later than "Do godziny" (inclusive). Each slot has a key "YYYY-MM-DD HH:MM" (local), so
a slot in the repeated DST hour runs once; a slot in the skipped hour runs at the first
valid instant after it.
"""

from datetime import datetime, time, timedelta

import pytz


def day_slots(start_hour, repeat_minutes, end_hour):
    """Local times (hour, minute) of one day's slots."""
    start = round(start_hour * 60)
    slots = [start]
    if repeat_minutes:
        end = round(end_hour * 60)
        current = start + repeat_minutes
        while current <= end and current < 24 * 60:
            slots.append(current)
            current += repeat_minutes
    return [(m // 60, m % 60) for m in slots]


def localize(tz, naive):
    """UTC instant of a local wall time; skipped times move to the first valid instant."""
    for minutes in range(180):
        candidate = naive + timedelta(minutes=minutes)
        try:
            return tz.localize(candidate, is_dst=None).astimezone(pytz.utc)
        except pytz.AmbiguousTimeError:
            return tz.localize(candidate, is_dst=True).astimezone(pytz.utc)
        except pytz.NonExistentTimeError:
            continue
    return tz.localize(naive).astimezone(pytz.utc)


def due_slots(tz_name, start_hour, repeat_minutes, end_hour, now_utc, consumed_keys):
    """Keys of today's slots that are due (now ≥ slot) and not consumed; older days never."""
    tz = pytz.timezone(tz_name or "Europe/Warsaw")
    now_aware = pytz.utc.localize(now_utc) if now_utc.tzinfo is None else now_utc
    today = now_aware.astimezone(tz).date()
    due = []
    for hour, minute in day_slots(start_hour, repeat_minutes, end_hour):
        naive = datetime.combine(today, time(hour, minute))
        key = naive.strftime("%Y-%m-%d %H:%M")
        if key in consumed_keys:
            continue
        if localize(tz, naive) <= now_aware:
            due.append(key)
    return due
