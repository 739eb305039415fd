# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Occurrences of a cyclic CRM task (TASK-25 … TASK-27, AS-28 … AS-33).

Pure Python on purpose: the rules are tested without a database, and the
``optima.crm.task`` model only maps its fields onto :class:`CyclePattern`,
turns :class:`CycleError` into a translated ``ValidationError`` and stores the
slots returned by :func:`occurrence_slots`.

Public API::

    CyclePattern(start_date, mode, interval=1, daily_workdays=False,
                 weekdays=frozenset(), monthly_kind="day", month_day=1, nth=1,
                 nth_weekday=0, month=1, end_mode="count", count=1, end_date=None)
    occurrence_dates(pattern) -> list[date]
    occurrence_slots(pattern, start_hours, duration_hours, tz_name)
        -> list[tuple[datetime, datetime]]          # naive UTC
    validate(pattern) -> None
    is_single_day_range(pattern) -> bool
    default_pattern_for(date_from_local, mode="weekly") -> CyclePattern
    nth_of_month(day) -> int
    duration_from_times(start_hours, end_hours) -> float
    end_from_duration(start_hours, duration_hours) -> float
    validate_duration(duration_hours) -> None

Weekdays are ``0`` (Monday) … ``6`` (Sunday), as :meth:`date.weekday`.
Times are float hours as in Odoo's ``float_time`` widget (9.5 = 09:30).
"""

import calendar
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import MAXYEAR, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MODES = ("daily", "weekly", "monthly", "yearly")
MONTHLY_KINDS = ("day", "weekday")
END_MODES = ("count", "date")
LAST = -1
NTH_VALUES = (1, 2, 3, 4, LAST)

MAX_INTERVAL = 999
MAX_OCCURRENCES = 999

# English source texts: this module must not depend on Odoo, so the model wraps
# them with _() and the Polish wording comes from the addon's i18n.
MESSAGES = {
    "interval_zero": "The value must be greater than zero.",
    "interval_max": "The value cannot exceed 999.",
    "no_weekday": "In weekly mode select at least one day of the week.",
    "end_before_start": "The end date of the cycle cannot be earlier than its start date.",
    "no_occurrence": "The cycle pattern generates no occurrence in the given range.",
    "too_many": "The cycle pattern generates more than 999 occurrences. Shorten the cycle range.",
    "duration": "The duration must be shorter than 24 hours.",
    # Not in the spec: "co 999 lat, po 999 wystąpieniach" is a legal input whose
    # dates do not fit in Python's calendar, and the user must get a message, not a traceback.
    "date_overflow": (
        "The cycle pattern generates occurrences after the year 9999. Shorten the cycle range."
    ),
}

_MAX_ORDINAL = date.max.toordinal()
_MINUTES_PER_DAY = 24 * 60


class CycleError(Exception):
    """A pattern the user must correct; ``code`` is a key of :data:`MESSAGES`."""

    def __init__(self, code):
        self.code = code
        super().__init__(MESSAGES[code])

    @property
    def message(self):
        return MESSAGES[self.code]


@dataclass(frozen=True)
class CyclePattern:
    """The "Wzorzec cyklu" and "Zakres cyklu" of a cyclic task.

    ``start_date`` comes first because it is the only field without a default.
    Fields that the chosen mode does not use are ignored, including by
    :func:`validate`, so hidden form values never block a save.
    """

    start_date: date
    mode: str
    interval: int = 1
    daily_workdays: bool = False
    weekdays: frozenset = frozenset()
    monthly_kind: str = "day"
    month_day: int = 1
    nth: int = 1
    nth_weekday: int = 0
    month: int = 1
    end_mode: str = "count"
    count: int = 1
    end_date: date | None = None

    def __post_init__(self):
        # Callers pass sets or lists read from checkboxes; a frozenset keeps the
        # instance hashable and comparable.
        object.__setattr__(self, "weekdays", frozenset(self.weekdays or ()))


# ---------------------------------------------------------------- validation


def _check_positive_max(value, maximum):
    if not value or value < 1:
        raise CycleError("interval_zero")
    if value > maximum:
        raise CycleError("interval_max")


def _uses_interval(pattern):
    return not (pattern.mode == "daily" and pattern.daily_workdays)


def _check_choices(pattern):
    # These come from selections in the form, so a bad value is a programming
    # error rather than something the user can fix.
    if pattern.mode not in MODES:
        raise ValueError(f"Unknown cycle mode {pattern.mode!r}")
    if pattern.end_mode not in END_MODES:
        raise ValueError(f"Unknown end mode {pattern.end_mode!r}")
    if not isinstance(pattern.start_date, date) or isinstance(pattern.start_date, datetime):
        raise TypeError("start_date must be a date, not a datetime")
    if pattern.mode == "weekly" and not pattern.weekdays <= frozenset(range(7)):
        raise ValueError(f"Weekdays must be 0..6, got {sorted(pattern.weekdays)}")
    if pattern.mode in ("monthly", "yearly"):
        if pattern.monthly_kind not in MONTHLY_KINDS:
            raise ValueError(f"Unknown monthly kind {pattern.monthly_kind!r}")
        if pattern.monthly_kind == "day" and not 1 <= pattern.month_day <= 31:
            raise ValueError(f"Day of month must be 1..31, got {pattern.month_day}")
        if pattern.monthly_kind == "weekday":
            if pattern.nth not in NTH_VALUES:
                raise ValueError(f"nth must be 1..4 or -1, got {pattern.nth}")
            if pattern.nth_weekday not in range(7):
                raise ValueError(f"Weekday must be 0..6, got {pattern.nth_weekday}")
    if pattern.mode == "yearly" and not 1 <= pattern.month <= 12:
        raise ValueError(f"Month must be 1..12, got {pattern.month}")


def _check_static(pattern):
    _check_choices(pattern)
    if _uses_interval(pattern):
        _check_positive_max(pattern.interval, MAX_INTERVAL)
    if pattern.mode == "weekly" and not pattern.weekdays:
        raise CycleError("no_weekday")
    if pattern.end_mode == "count":
        _check_positive_max(pattern.count, MAX_OCCURRENCES)
    else:
        if not isinstance(pattern.end_date, date):
            raise ValueError("end_date is required when end_mode is 'date'")
        if pattern.end_date < pattern.start_date:
            raise CycleError("end_before_start")


def validate(pattern):
    """Raise :class:`CycleError` (or ``ValueError`` for impossible selections).

    The checks run in the spec's order, and "no_occurrence" is decided here,
    before the caller asks about a one-day range (TASK-27).
    """
    occurrence_dates(pattern)


def is_single_day_range(pattern):
    """True when the end date equals the start date, which needs a Tak/Nie dialog."""
    return pattern.end_mode == "date" and pattern.end_date == pattern.start_date


# ---------------------------------------------------------------- generation


def _day_in_month(year, month, pattern):
    """Ordinal of the pattern's day in that month (both kinds always exist)."""
    length = calendar.monthrange(year, month)[1]
    if pattern.monthly_kind == "day":
        # A15: any day beyond the month's length falls on its last day.
        return date(year, month, min(pattern.month_day, length)).toordinal()
    if pattern.nth == LAST:
        last = date(year, month, length)
        return last.toordinal() - (last.weekday() - pattern.nth_weekday) % 7
    first = date(year, month, 1)
    offset = (pattern.nth_weekday - first.weekday()) % 7
    return first.toordinal() + offset + 7 * (pattern.nth - 1)


def _daily(pattern, start):
    step = 1 if pattern.daily_workdays else pattern.interval
    ordinal = start
    while True:
        # date.fromordinal(o).weekday() == (o - 1) % 7, so no date object is needed.
        if not pattern.daily_workdays or (ordinal - 1) % 7 < 5:
            yield ordinal
        if ordinal > _MAX_ORDINAL:
            return
        ordinal += step


def _weekly(pattern, start):
    # Weeks start on Monday and the grid is anchored on the start's week, so
    # "co 2 tygodnie" skips days of the first week that precede the start (AS-28).
    monday = start - (start - 1) % 7
    days = sorted(pattern.weekdays)
    while True:
        for weekday in days:
            ordinal = monday + weekday
            if ordinal >= start:
                yield ordinal
            if ordinal > _MAX_ORDINAL:
                return
        monday += 7 * pattern.interval


def _monthly(pattern, start_date):
    # The month grid is anchored on the start's month, as weeks are on its week.
    index = start_date.year * 12 + start_date.month - 1
    start = start_date.toordinal()
    while True:
        year, month0 = divmod(index, 12)
        if year > MAXYEAR:
            yield _MAX_ORDINAL + 1
            return
        ordinal = _day_in_month(year, month0 + 1, pattern)
        if ordinal >= start:
            yield ordinal
        index += pattern.interval


def _yearly(pattern, start_date):
    year = start_date.year
    start = start_date.toordinal()
    while True:
        if year > MAXYEAR:
            yield _MAX_ORDINAL + 1
            return
        ordinal = _day_in_month(year, pattern.month, pattern)
        if ordinal >= start:
            yield ordinal
        year += pattern.interval


def _candidates(pattern) -> Iterator[int]:
    """Increasing ordinals of matching dates >= start; one beyond date.max ends it."""
    if pattern.mode == "daily":
        return _daily(pattern, pattern.start_date.toordinal())
    if pattern.mode == "weekly":
        return _weekly(pattern, pattern.start_date.toordinal())
    if pattern.mode == "monthly":
        return _monthly(pattern, pattern.start_date)
    return _yearly(pattern, pattern.start_date)


def occurrence_dates(pattern):
    """Local dates of all occurrences, ascending; raises :class:`CycleError`."""
    _check_static(pattern)
    by_count = pattern.end_mode == "count"
    end = None if by_count else pattern.end_date.toordinal()
    found = []
    # Every generator yields at least once per step after the first, so the loop
    # ends by itself within ~1000 rounds; the cap only guards future edits.
    for ordinal in itertools.islice(_candidates(pattern), 2 * MAX_OCCURRENCES + 2):
        if ordinal > _MAX_ORDINAL:
            if by_count:
                raise CycleError("date_overflow")
            break
        if not by_count and ordinal > end:
            break
        found.append(ordinal)
        if by_count and len(found) == pattern.count:
            break
        if len(found) > MAX_OCCURRENCES:
            raise CycleError("too_many")
    else:
        raise RuntimeError(f"Cycle generation did not terminate for {pattern!r}")
    if not found:
        raise CycleError("no_occurrence")
    return [date.fromordinal(ordinal) for ordinal in found]


# ---------------------------------------------------------------- times


def _to_minutes(hours, name):
    if hours is None or hours < 0:
        raise ValueError(f"{name} must be >= 0, got {hours!r}")
    # float_time values are minute-precise on screen; rounding removes binary noise.
    return round(hours * 60)


def _time_of_day_minutes(hours, name):
    # float_time lets the user type 24:00, which can only mean midnight.
    return _to_minutes(hours, name) % _MINUTES_PER_DAY


def _duration_minutes(duration_hours):
    minutes = _to_minutes(duration_hours, "duration")
    if minutes >= _MINUTES_PER_DAY:
        raise CycleError("duration")
    return minutes


def validate_duration(duration_hours):
    """Raise ``CycleError("duration")`` for a duration of 24:00 or more."""
    _duration_minutes(duration_hours)


def duration_from_times(start_hours, end_hours):
    """Czas trwania from Początek and Koniec; an earlier Koniec is on the next day."""
    start = _time_of_day_minutes(start_hours, "start")
    end = _time_of_day_minutes(end_hours, "end")
    return ((end - start) % _MINUTES_PER_DAY) / 60


def end_from_duration(start_hours, duration_hours):
    """Koniec from Początek and Czas trwania, as a time of day."""
    start = _time_of_day_minutes(start_hours, "start")
    duration = _duration_minutes(duration_hours)
    return ((start + duration) % _MINUTES_PER_DAY) / 60


def _zone(tz_name):
    try:
        return ZoneInfo(tz_name or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"Unknown time zone {tz_name!r}") from error


def _local_to_utc(local, zone):
    # Around a DST change take the later of the two UTC readings, i.e. the
    # smaller offset, which is what pytz's localize(is_dst=False) in Odoo and
    # local_time.to_utc give: a repeated autumn hour is its second instance and a
    # skipped spring hour reads 02:30 as 03:30 CEST. Comparing offsets instead of
    # dst() also holds for zones whose tzdata uses negative DST (Europe/Dublin).
    readings = (local.replace(tzinfo=zone, fold=fold).astimezone(timezone.utc) for fold in (0, 1))
    return max(readings).replace(tzinfo=None)


def occurrence_slots(pattern, start_hours, duration_hours, tz_name):
    """``(date_from, date_to)`` per occurrence, as naive UTC datetimes.

    Początek is wall-clock time in ``tz_name`` so a series keeps its local hour
    across DST (AS-32), and Koniec is Początek + Czas trwania on the wall clock,
    so the stored end shows the Koniec the user typed. zoneinfo is used rather
    than pytz because pytz stops applying DST rules after 2037, which a weekly
    series of 999 occurrences started today already reaches.
    """
    start_minutes = _time_of_day_minutes(start_hours, "start")
    duration = timedelta(minutes=_duration_minutes(duration_hours))
    begin = time(start_minutes // 60, start_minutes % 60)
    zone = _zone(tz_name)
    slots = []
    for day in occurrence_dates(pattern):
        try:
            local_start = datetime.combine(day, begin)
            date_from = _local_to_utc(local_start, zone)
            date_to = _local_to_utc(local_start + duration, zone)
        except OverflowError as error:
            raise CycleError("date_overflow") from error
        # A slot whose wall-clock end falls in a skipped hour must not end before it starts.
        slots.append((date_from, max(date_from, date_to)))
    return slots


# ---------------------------------------------------------------- defaults


def nth_of_month(day):
    """1..4 for the first … fourth such weekday of its month, -1 for a fifth one.

    A fifth weekday is always the month's last, and "last" keeps the default
    pattern matching Termin od (31.01.2025 -> last Friday, AS-30), whereas a
    cap at 4 would move it to 24.01.
    """
    nth = (day.day - 1) // 7 + 1
    return LAST if nth == 5 else nth


def default_pattern_for(date_from_local, mode="weekly"):
    """Pattern preset from Termin od (local), as when "Zadanie cykliczne" is checked.

    Every mode's fields are filled so that switching modes in the form shows
    Termin od's weekday, day and month. The range ends on the start date (TASK-27).
    """
    if mode not in MODES:
        raise ValueError(f"Unknown cycle mode {mode!r}")
    day = date_from_local.date() if isinstance(date_from_local, datetime) else date_from_local
    return CyclePattern(
        start_date=day,
        mode=mode,
        weekdays=frozenset({day.weekday()}),
        monthly_kind="day",
        month_day=day.day,
        nth=nth_of_month(day),
        nth_weekday=day.weekday(),
        month=day.month,
        end_mode="date",
        end_date=day,
    )
