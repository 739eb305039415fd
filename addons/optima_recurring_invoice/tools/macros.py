# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Line-name macros of recurring invoices (RI-17, «Zastosowanie makra w nazwie pozycji»).

Month names are always Polish, whatever the partner's language, as in Optima.
"""

import re

from .cycle import month_index

MONTHS_PL = (
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
)
QUARTERS = ("I", "II", "III", "IV")
# Longest tokens first, so that @PMSL wins over @PM and @NROK over @ROK.
TOKEN_RE = re.compile(r"@(PMSL|MCSL|NMSL|KWARTAL|PROK|NROK|ROK|PM|MC|NM)")


def _shift(day, months):
    year, month = divmod(month_index(day) + months, 12)
    return year, month + 1


def expand(name, reference):
    """Expand the macros of ``name`` for the reference (sale) date."""
    if not name or "@" not in name:
        return name
    prev_year, prev_month = _shift(reference, -1)
    next_year, next_month = _shift(reference, 1)
    has_prev = "@PM" in name  # also matches @PMSL
    has_next = "@NM" in name
    year = reference.year
    if has_prev and not has_next:
        year = prev_year
    elif has_next and not has_prev:
        year = next_year
    values = {
        "PM": f"{prev_month:02d}",
        "MC": f"{reference.month:02d}",
        "NM": f"{next_month:02d}",
        "PMSL": MONTHS_PL[prev_month - 1],
        "MCSL": MONTHS_PL[reference.month - 1],
        "NMSL": MONTHS_PL[next_month - 1],
        "KWARTAL": QUARTERS[(reference.month - 1) // 3],
        "PROK": str(reference.year - 1),
        "ROK": str(year),
        "NROK": str(reference.year + 1),
    }
    return TOKEN_RE.sub(lambda match: values[match.group(1)], name)
