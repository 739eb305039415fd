# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Optima's reminder lead times, shared by the reminder (TASK-22) and the automat (TASK-24)."""

# Optima's 26 reminder lead times (TASK-22): key -> (unit, amount).
REMINDER_LEADS = {
    **{f"{m}m": ("minutes", m) for m in (0, 5, 10, 15, 30)},
    **{f"{h}h": ("hours", h) for h in (*range(1, 13), 18)},
    **{f"{d}d": ("days", d) for d in range(1, 7)},
    **{f"{w}w": ("weeks", w) for w in (1, 2)},
}
REMINDER_LEAD_SELECTION = [
    ("0m", "0 min"),
    ("5m", "5 min"),
    ("10m", "10 min"),
    ("15m", "15 min"),
    ("30m", "30 min"),
    ("1h", "1 hour"),
    ("2h", "2 hours"),
    ("3h", "3 hours"),
    ("4h", "4 hours"),
    ("5h", "5 hours"),
    ("6h", "6 hours"),
    ("7h", "7 hours"),
    ("8h", "8 hours"),
    ("9h", "9 hours"),
    ("10h", "10 hours"),
    ("11h", "11 hours"),
    ("12h", "12 hours"),
    ("18h", "18 hours"),
    ("1d", "1 day"),
    ("2d", "2 days"),
    ("3d", "3 days"),
    ("4d", "4 days"),
    ("5d", "5 days"),
    ("6d", "6 days"),
    ("1w", "1 week"),
    ("2w", "2 weeks"),
]
