# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Optima's {eName} macros: a whitelist lookup, never an expression evaluation (MAIL-32/33).

Pure functions: the values come from the caller (``optima.mail.service``), so the engine
itself can be tested and reused without a database.
"""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from markupsafe import escape

MACRO_RE = re.compile(r"\{(e[A-Za-z]+)\}")
# Optima's GetSQL/CHOOSE functions, refused on save and expanded to nothing on render.
FORBIDDEN_RE = re.compile(r"\{\s*(?:GetSQL|CHOOSE)\s*\(.*?\)\s*\}", re.IGNORECASE | re.DOTALL)
FORBIDDEN_START_RE = re.compile(r"\{\s*(?:GetSQL|CHOOSE)\s*\(", re.IGNORECASE)

# Code -> English label (the Polish label is the translation, see i18n/pl.po).
TEXT_MACROS = {
    "eData": "Date",
    "eDoZaplaty": "Amount to pay/refund",
    "eDoZaplatyWal": "Amount to pay/refund in foreign currency",
    "eDoZaplatySys": "Amount to pay/refund in system currency",
    "ePodmiotEmail": "E-mail of the entity",
    "eID": "ID",
    "eKwotaDok": "Document amount",
    "eNazwa": "Name",
    "eNazwaWydruku": "Printout name",
    "eNumer": "Document number",
    "eOpis": "Description",
    "ePodmiotKod": "Entity - Code",
    "ePodmiotNazwa": "Entity - Name",
    "eTermin": "Payment due date",
    "eRachunek": "Bank account for payment",
    "eLinkPlatnosci": "Payment link (Pay now)",
    "eWalutaDok": "Document currency",
    "eWalutaRoz": "Settlement currency",
    "ePodmiotID": "Entity - Id",
    "ePodmiotTyp": "Entity - Type",
    "eTypDok": "Document type",
    "eTytul": "Title",
    "eTerminOd": "Task start",
    "eTerminDo": "Task end",
}
ADDRESS_MACROS = {
    "eAdrNabywca": "Buyer card e-mail",
    "eAdrPrzedstawicielDomyslny": "Default representative e-mail",
    "eAdrOdbiorcaDokument": "Document recipient e-mail",
    "eAdrOdbiorcaKarta": "Recipient card e-mail",
    "eAdrPrzedstawicieleNabywcy": "All buyer representatives",
    "eAdrPrzedstawicieleOdbiorcy": "All recipient representatives",
    "eAdrPierwszyPrzedstawicielNabywcy": "First buyer representative",
    "eAdrPierwszyPrzedstawicielOdbiorcy": "First recipient representative",
    "eAdrOpiekun": "Salesperson e-mail",
}


def find_macros(text):
    """Macro codes used in ``text`` (in order of first appearance)."""
    seen = []
    for code in MACRO_RE.findall(text or ""):
        if code not in seen:
            seen.append(code)
    return seen


def has_forbidden(text):
    return bool(FORBIDDEN_START_RE.search(text or ""))


def unknown_macros(text, known):
    return [code for code in find_macros(text) if code not in known]


def format_macro_date(value):
    """YYYY-MM-DD as in the manual's example (AMB-12); datetimes keep HH:MM."""
    if not value:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def format_macro_amount(value):
    """Two decimals, '.' separator, no grouping, '-' for negatives (AMB-12)."""
    if value is None or value is False:
        return ""
    quantized = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if quantized == 0:
        quantized = abs(quantized)
    return f"{quantized:f}"


def expand(text, values, html=False):
    """Replace known macros by ``values``; return (text, unknown codes, had_forbidden).

    Unknown codes stay literally (legacy data); GetSQL/CHOOSE expands to nothing.
    """
    if not text:
        return text or "", [], False
    forbidden = bool(FORBIDDEN_RE.search(text))
    text = FORBIDDEN_RE.sub("", text)
    unknown = []

    def _replace(match):
        code = match.group(1)
        if code not in values:
            if code not in unknown:
                unknown.append(code)
            return match.group(0)
        value = values[code]
        if isinstance(value, list | tuple):
            value = "; ".join(v for v in value if v)
        value = "" if value is None or value is False else str(value)
        return str(escape(value)) if html else value

    return MACRO_RE.sub(_replace, text), unknown, forbidden


def split_addresses(text):
    """DO/DW/UDW: several addresses separated by ';' (',' accepted)."""
    if not text:
        return []
    parts = re.split(r"[;,]", text)
    result = []
    for part in parts:
        part = part.strip()
        if part and part.lower() not in [r.lower() for r in result]:
            result.append(part)
    return result
