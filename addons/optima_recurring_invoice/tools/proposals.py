# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Series detection of recurring-invoice proposals (RI-26), the reference in Python.

The scan (``optima.recurring.proposal._scan``) runs the same rules in PostgreSQL and
hands over only the pairs it cannot decide there: those where some reference day needs
the greedy removal of step 5. ``find_series`` continues such a pair from the documents
SQL left unassigned, so both paths give the same series (steps 1-3 and the suppression
of step 6 are SQL only). ``merge`` and ``signature`` run on the few thousand series the
scan reads back.
"""

from collections import namedtuple
from fractions import Fraction

from .cycle import eff_index, month_index

TOLERANCE = 4
MIN_DOCUMENTS = 3

Doc = namedtuple("Doc", "id kind buyer recipient date currency products")
Series = namedtuple("Series", "kind buyer recipient ref_day products docs currency")


def fit(day, ref_day):
    """(distance, slot month index) of a document date for reference day R, or None."""
    best = None
    base = month_index(day)
    for delta in (-1, 0, 1):  # ties go to the earlier month: strict < keeps it
        slot = base + delta
        distance = abs((day - eff_index(slot, ref_day)).days)
        if best is None or distance < best[0]:
            best = (distance, slot)
    return best if best[0] <= TOLERANCE else None


def ratio(docs):
    """n·|C| / T as a Fraction, and C (the products common to all documents)."""
    common = frozenset.intersection(*(doc.products for doc in docs))
    total = sum(len(doc.products) for doc in docs)
    if not common or not total:
        return Fraction(0), common
    return Fraction(len(docs) * len(common), total), common


def qualifies(docs):
    value, common = ratio(docs)
    # 5·n·|C| ≥ 4·T in integers is the same as n·|C|/T ≥ 4/5 exactly.
    return bool(common) and value >= Fraction(4, 5)


def _candidate(unassigned, ref_day):
    by_slot = {}
    for doc in unassigned:
        fitted = fit(doc.date, ref_day)
        if not fitted:
            continue
        distance, slot = fitted
        key = (distance, doc.date, doc.id)
        if slot not in by_slot or key < by_slot[slot][0]:
            by_slot[slot] = (key, doc)
    chosen = {doc: key[0] for key, doc in by_slot.values()}
    docs = sorted(chosen, key=lambda d: (d.date, d.id))
    while len(docs) >= MIN_DOCUMENTS:
        if qualifies(docs):
            return docs
        # Drop the document whose removal gives the highest ratio (ties: the larger
        # day distance, then the earlier date).
        best = max(
            docs,
            key=lambda d: (
                ratio([o for o in docs if o is not d])[0],
                chosen[d],
                -d.date.toordinal(),
            ),
        )
        docs = [d for d in docs if d is not best]
    return None


def find_series(pair_docs):
    """All series of one (kind, buyer, recipient) pair, best first."""
    unassigned = list(pair_docs)
    result = []
    while True:
        best = None
        for ref_day in sorted({doc.date.day for doc in unassigned}):
            docs = _candidate(unassigned, ref_day)
            if not docs:
                continue
            key = (len(docs), ratio(docs)[0], -ref_day)
            if best is None or key > best[0]:
                best = (key, ref_day, docs)
        if not best:
            return result
        _key, ref_day, docs = best
        first = docs[0]
        latest = max(docs, key=lambda d: (d.date, d.id))
        result.append(
            Series(
                first.kind,
                first.buyer,
                first.recipient,
                ref_day,
                ratio(docs)[1],
                docs,
                latest.currency,
            )
        )
        taken = {doc.id for doc in docs}
        unassigned = [doc for doc in unassigned if doc.id not in taken]


def merge(series):
    """Group series into proposals by (kind, currency of the latest doc, C) and R."""
    groups = {}
    for found in series:
        groups.setdefault((found.kind, found.currency, found.products), []).append(found)
    proposals = []
    for (kind, currency, products), members in groups.items():
        current = None
        for found in sorted(members, key=lambda s: (s.ref_day, s.buyer, s.recipient)):
            pair = (found.buyer, found.recipient)
            if (
                current is None
                or found.ref_day - current["first_day"] > TOLERANCE
                or pair in current["pairs"]
            ):
                current = {
                    "kind": kind,
                    "currency": currency,
                    "products": products,
                    "first_day": found.ref_day,
                    "pairs": set(),
                    "series": [],
                }
                proposals.append(current)
            current["pairs"].add(pair)
            current["series"].append(found)
    return proposals


def signature(proposal):
    parts = sorted((s.buyer, s.recipient, s.ref_day) for s in proposal["series"])
    return "%s|%s|%s|%s" % (
        proposal["kind"],
        proposal["currency"],
        ",".join(str(p) for p in sorted(proposal["products"])),
        ";".join(f"{b}-{r}-{d}" for b, r, d in parts),
    )
