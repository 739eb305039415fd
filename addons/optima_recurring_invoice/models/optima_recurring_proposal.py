# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import proposals as engine


def _month_length(index):
    """SQL (for a statement with parameters): the length of the month with this month
    index (year × 12 + month − 1)."""
    return (
        f"date_part('day', make_date(({index}) / 12, ({index}) %% 12 + 1, 1)"
        " + interval '1 month - 1 day')::int"
    )


# The lengths of the month before a document's, its own and the one after, for the day
# fit of the rounds: computed for the few documents the rounds see, not stored for all.
LENGTHS = (
    f"{_month_length('d.month - 1')} AS length_before, {_month_length('d.month')} AS length,"
    f" {_month_length('d.month + 1')} AS length_after"
)
# The open documents of a round of ``_series_sql``. Before the first only the regular
# pairs are settled, each with all its documents, so every other pair still has its
# 3+ documents: the window of the next rounds is not needed.
FIRST_ROUND = f"""
    SELECT d.*, d.pair_size AS open_count, {LENGTHS}
      FROM optima_ri_doc d
     WHERE NOT EXISTS (SELECT 1 FROM optima_ri_series s WHERE s.pair = d.pair)
"""
NEXT_ROUND = f"""
    SELECT d.*, count(*) OVER (PARTITION BY d.pair) AS open_count, {LENGTHS}
      FROM optima_ri_doc d
     WHERE d.pair <> ALL(%(greedy)s::int[])
       AND NOT EXISTS (SELECT 1 FROM optima_ri_member x WHERE x.doc = d.id)
       AND NOT EXISTS (SELECT 1 FROM optima_ri_series s WHERE s.pair = d.pair AND s.regular)
"""


class OptimaRecurringProposal(models.Model):
    _name = "optima.recurring.proposal"
    _description = "Recurring invoice proposal (Optima: propozycja faktury cyklicznej)"
    _order = "detected_at desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    document_kind = fields.Selection(
        [("fs", "Sales invoice"), ("fpf", "Pro forma invoice")],
        string="Document type",
        required=True,
    )
    currency_id = fields.Many2one("res.currency")
    product_ids = fields.Many2many("product.product", string="Invoice lines")
    series_ids = fields.One2many("optima.recurring.proposal.series", "proposal_id")
    # Derived from the series: storing it too would write every document link twice.
    move_ids = fields.Many2many("account.move", string="Documents", compute="_compute_move_ids")
    detected_at = fields.Datetime(index=True)
    state = fields.Selection(
        [("open", "Open"), ("converted", "Converted"), ("dismissed", "Dismissed")],
        default="open",
        required=True,
        index=True,
    )
    signature = fields.Char(index=True)
    partner_label = fields.Char(compute="_compute_labels", string="Contractor")
    products_label = fields.Char(compute="_compute_labels", string="Products")
    move_count = fields.Integer(compute="_compute_labels", string="Documents count")

    @api.depends("document_kind", "partner_label", "products_label")
    def _compute_display_name(self):
        """The proposal row of the list (RI-28): Typ dokumentu – Kontrahent – Pozycje."""
        kinds = dict(self._fields["document_kind"]._description_selection(self.env))
        for proposal in self:
            parts = (
                kinds.get(proposal.document_kind),
                proposal.partner_label,
                proposal.products_label,
            )
            proposal.display_name = " – ".join(part for part in parts if part)

    @api.depends("series_ids.move_refs")
    def _compute_move_ids(self):
        for proposal in self:
            proposal.move_ids = proposal.series_ids.move_ids.sorted("id")

    @api.depends("series_ids.move_refs", "product_ids")
    def _compute_labels(self):
        for proposal in self:
            moves = proposal.move_ids.sorted(lambda m: (m.invoice_date, m.id))
            first = moves[:1].partner_id
            others = len(moves.partner_id - first)
            proposal.partner_label = f"{first.name} + {others}" if others else (first.name or "")
            proposal.products_label = ", ".join(proposal.product_ids.mapped("name"))
            proposal.move_count = len(moves)

    # ------------------------------------------------------------------ scan
    @api.model
    def _cron_scan(self):
        """RI-26: once a day per company."""
        for company in self.env["res.company"].search([]):
            self.with_company(company)._scan(company)

    @api.model
    def _read_documents(self, company, today):
        """Steps 1-3 in one statement: the eligible, de-duplicated documents of the pairs
        with at least 3 of them go to the temporary table ``optima_ri_doc``, with their
        day of month and month index."""
        cr = self.env.cr
        self.env.flush_all()
        # Debit notes exist only with account_debit_note installed: the registry knows,
        # without a query to information_schema.
        moves = self.env["account.move"]
        debit_note = (
            "AND m.debit_origin_id IS NULL"
            if "debit_origin_id" in moves._fields and moves._fields["debit_origin_id"].store
            else ""
        )
        date_from = today - relativedelta(months=13)
        cr.execute(
            f"""
            DROP TABLE IF EXISTS optima_ri_doc, optima_ri_member;
            CREATE TEMPORARY TABLE optima_ri_member (doc int, series int) ON COMMIT DROP;
            CREATE TEMPORARY TABLE optima_ri_doc ON COMMIT DROP AS
            WITH doc AS (
                SELECT m.id, CASE WHEN m.optima_is_proforma THEN 'fpf' ELSE 'fs' END AS kind,
                       m.partner_id AS buyer,
                       COALESCE(m.partner_shipping_id, m.partner_id) AS recipient,
                       m.invoice_date AS day, m.currency_id AS currency,
                       array_agg(DISTINCT l.product_id ORDER BY l.product_id) AS products
                  FROM account_move m
                  JOIN account_move_line l ON l.move_id = m.id AND l.display_type = 'product'
                                          AND l.product_id IS NOT NULL
                 WHERE m.company_id = %(company)s AND m.move_type = 'out_invoice'
                   AND m.invoice_date BETWEEN %(from)s AND %(to)s
                   AND m.state <> 'cancel'
                   AND ((m.state = 'posted' AND NOT COALESCE(m.optima_is_proforma, FALSE))
                        OR (m.optima_is_proforma AND m.optima_proforma_confirmed))
                   AND m.reversed_entry_id IS NULL {debit_note}
                   AND m.optima_ri_template_id IS NULL
                   AND m.partner_id <> %(undefined)s
                 GROUP BY m.id
            ), unique_doc AS MATERIALIZED (
                -- Hashed, not sorted: the lowest id of equal documents and its currency
                -- as one number (ids and currency ids fit in 32 bits).
                SELECT kind, buyer, recipient, day, products,
                       min(id::bigint << 32 | currency) AS kept
                  FROM doc
                 GROUP BY kind, buyer, recipient, day, products
            ), pair AS (
                -- The pair is numbered by its lowest document id.
                SELECT kind, buyer, recipient, count(*)::int AS size,
                       min(kept >> 32)::int AS id
                  FROM unique_doc
                 GROUP BY kind, buyer, recipient
                HAVING count(*) >= %(min)s
            ), counted AS (
                SELECT (u.kept >> 32)::int AS id, p.id AS pair, p.size AS pair_size,
                       u.kind, u.buyer, u.recipient, u.day,
                       (u.kept & 4294967295)::int AS currency, u.products,
                       (date_part('year', u.day) * 12 + date_part('month', u.day) - 1)::int
                           AS month
                  FROM unique_doc u
                  JOIN pair p USING (kind, buyer, recipient)
            )
            SELECT c.id, c.pair, c.pair_size, c.kind, c.buyer, c.recipient, c.day, c.currency,
                   c.products, cardinality(c.products) AS size,
                   date_part('day', c.day)::int AS day_of_month, c.month
              FROM counted c;
            """,
            {
                "company": company.id,
                "from": date_from,
                "to": today,
                "undefined": company.optima_undefined_partner_id.id or 0,
                "min": engine.MIN_DOCUMENTS,
            },
        )

    @api.model
    def _series_sql(self):
        """Steps 4-5 in PostgreSQL, one round per series of a pair (most pairs need one).

        A round takes, for every pair still open, the best qualifying reference day among
        the candidates that qualify without removing a document. A pair where some
        candidate of 3+ documents does not qualify as it is needs step 5's greedy removal:
        it leaves SQL and is returned, to be finished by ``engine.find_series``.
        Series go to ``optima_ri_series``, their documents to ``optima_ri_member``
        (a regular series holds its own, see ``_series_regular``).
        """
        cr = self.env.cr
        cr.execute(
            """
            DROP TABLE IF EXISTS optima_ri_series;
            CREATE TEMPORARY TABLE optima_ri_series (
                id serial PRIMARY KEY, pair int, ref_day int, products int[], latest int,
                regular bool NOT NULL DEFAULT FALSE, docs jsonb
            ) ON COMMIT DROP
            """
        )
        self._series_regular()
        params = {"min": engine.MIN_DOCUMENTS, "tol": engine.TOLERANCE, "greedy": [], "first": True}
        while True:
            # One statement per round, so the 200,000 (document, R) rows of 5,000 pairs
            # stay in work_mem rather than in temporary tables (temp_buffers is 8 MB).
            # Day fit (step 4) in integers: the distance to eff(m, R) = min(R, length of
            # m) in the month before, the document's own and the one after; ties go to
            # the earlier month. Then one document per slot: the closest, the earlier,
            # the lowest id. Candidates: C = the products common to all n documents,
            # T = Σ|P(d)|; identical product sets (the usual case) skip the unnest. The
            # ratio as a double orders exactly: equal fractions round alike and
            # different ones with small terms differ far beyond the rounding. A pair
            # with a non-qualifying candidate goes to ``greedy``; every other pair gets
            # its best R: most documents, higher ratio, smaller R.
            cr.execute(
                f"""
                WITH open_doc AS ({FIRST_ROUND if params["first"] else NEXT_ROUND}), ref AS (
                    -- Ordered so the join below comes out by (pair, R) and the fit's
                    -- sort only orders the few documents of each candidate.
                    SELECT DISTINCT pair, day_of_month AS ref_day
                      FROM open_doc
                     WHERE open_count >= %(min)s
                     ORDER BY pair, ref_day
                ), distance AS (
                    SELECT d.pair, r.ref_day, d.id, d.day, d.products, d.size, d.month,
                           d.open_count,
                           d.day_of_month + d.length_before
                               - least(r.ref_day, d.length_before) AS before,
                           abs(d.day_of_month - least(r.ref_day, d.length)) AS same,
                           d.length - d.day_of_month + least(r.ref_day, d.length_after)
                               AS after
                      FROM open_doc d
                      JOIN ref r USING (pair)
                ), fitted AS (
                    SELECT *, least(before, same, after) AS distance,
                           CASE WHEN before <= same AND before <= after THEN month - 1
                                WHEN same <= after THEN month
                                ELSE month + 1 END AS slot
                      FROM distance
                ), fit AS MATERIALIZED (
                    SELECT DISTINCT ON (pair, ref_day, slot) pair, ref_day, id, day,
                           products, size, open_count
                      FROM fitted
                     WHERE distance <= %(tol)s
                     ORDER BY pair, ref_day, slot, distance, day, id
                ), candidate AS MATERIALIZED (
                    SELECT pair, ref_day, count(*) AS n, sum(size) AS total,
                           max(open_count) AS open_count,
                           min(products) AS low, max(products) AS high,
                           -- the latest document (date, then id) as one sortable number
                           max((day - DATE '2000-01-01')::bigint << 32 | id) AS latest
                      FROM fit
                     GROUP BY pair, ref_day
                    HAVING count(*) >= %(min)s
                ), common AS (
                    SELECT f.pair, f.ref_day, product
                      FROM fit f
                      JOIN candidate c USING (pair, ref_day)
                     CROSS JOIN unnest(f.products) product
                     WHERE c.low <> c.high
                     GROUP BY f.pair, f.ref_day, product, c.n
                    HAVING count(*) = c.n
                ), common_set AS (
                    SELECT pair, ref_day, array_agg(product ORDER BY product) AS products
                      FROM common
                     GROUP BY pair, ref_day
                ), judged AS MATERIALIZED (
                    SELECT j.*, n * COALESCE(cardinality(products), 0)::float8 / total
                                    AS ratio,
                           COALESCE(5 * n * cardinality(products) >= 4 * total, FALSE)
                               AS qualifies
                      FROM (SELECT c.pair, c.ref_day, c.n, c.total, c.open_count,
                                   (c.latest & 4294967295)::int AS latest,
                                   CASE WHEN c.low = c.high THEN c.low ELSE s.products END
                                       AS products
                              FROM candidate c
                              LEFT JOIN common_set s USING (pair, ref_day)) j
                ), greedy AS (
                    SELECT DISTINCT pair FROM judged WHERE NOT qualifies
                ), chosen AS (
                    INSERT INTO optima_ri_series (pair, ref_day, products, latest)
                    SELECT DISTINCT ON (pair) pair, ref_day, products, latest
                      FROM judged
                     WHERE pair NOT IN (SELECT pair FROM greedy)
                     ORDER BY pair, n DESC, ratio DESC, ref_day
                    RETURNING id, pair, ref_day
                ), member AS (
                    INSERT INTO optima_ri_member (doc, series)
                    SELECT f.id, c.id
                      FROM fit f
                      JOIN chosen c USING (pair, ref_day)
                )
                -- Another round only when some pair may keep 3+ open documents: the
                -- chosen candidate has the most documents of its pair, so testing all
                -- candidates never stops too early.
                SELECT (SELECT array_agg(pair) FROM greedy), (SELECT count(*) FROM chosen),
                       EXISTS (SELECT 1 FROM judged
                                WHERE open_count - n >= %(min)s
                                  AND pair NOT IN (SELECT pair FROM greedy))
                """,
                params,
            )
            greedy, chosen, more = cr.fetchone()
            params["greedy"] += greedy or []
            params["first"] = False
            if not chosen or not more:
                return params["greedy"]

    @api.model
    def _series_regular(self):
        """Settle the regular pairs without trying reference days; returns their number.

        A pair whose documents all have the same products, fall in different months and
        whose days of month differ by at most the tolerance (a firm invoicing on the 5th,
        give or take a few days) is one series of all its documents, whatever reference
        day among theirs is tried: each document is within the tolerance of it in its
        own month and 24+ days from the next or previous one. Most documents, ratio 1
        for all: the smallest day wins. The general rounds would reach the same series
        through some 40 (document, day) rows per pair. Such a series holds its documents
        itself, as the JSON array the proposal's series row will store, so
        ``optima_ri_member`` gets no row for them; the later rounds skip regular pairs.
        """
        cr = self.env.cr
        # Distinct months: the sum of the months' bits equals their OR only when no bit
        # is counted twice. The scan reads 14 months, far less than the 62 bits.
        cr.execute(
            """
            WITH regular AS (
                SELECT pair, min(day_of_month) AS ref_day, min(products) AS products,
                       max((day - DATE '2000-01-01')::bigint << 32 | id) AS latest,
                       jsonb_agg(id) AS docs
                  FROM optima_ri_doc
                 GROUP BY pair
                HAVING count(*) >= %(min)s AND min(products) = max(products)
                   AND max(day_of_month) - min(day_of_month) <= %(tol)s
                   AND sum(1::bigint << (month %% 62)) = bit_or(1::bigint << (month %% 62))
            ), chosen AS (
                INSERT INTO optima_ri_series (pair, ref_day, products, latest, regular, docs)
                SELECT pair, ref_day, products, (latest & 4294967295)::int, TRUE, docs
                  FROM regular
                RETURNING id
            )
            SELECT count(*) FROM chosen
            """,
            {"min": engine.MIN_DOCUMENTS, "tol": engine.TOLERANCE},
        )
        return cr.fetchone()[0]

    @api.model
    def _series_python(self, pairs):
        """Step 5 for the pairs SQL handed over, from their unassigned documents."""
        if not pairs:
            return
        cr = self.env.cr
        cr.execute(
            """
            SELECT id, kind, buyer, recipient, day, currency, products, pair
              FROM optima_ri_doc d
             WHERE pair = ANY(%s)
               AND NOT EXISTS (SELECT 1 FROM optima_ri_member x WHERE x.doc = d.id)
            """,
            (pairs,),
        )
        by_pair = {}
        for row in cr.fetchall():
            by_pair.setdefault(row[7], []).append(engine.Doc(*row[:6], frozenset(row[6])))
        found = [
            (pair, series) for pair, docs in by_pair.items() for series in engine.find_series(docs)
        ]
        if not found:
            return
        cr.execute(
            "SELECT nextval(pg_get_serial_sequence('optima_ri_series', 'id'))"
            " FROM generate_series(1, %s)",
            (len(found),),
        )
        ids = [row[0] for row in cr.fetchall()]
        cr.execute(
            """
            INSERT INTO optima_ri_series (id, pair, ref_day, products, latest)
            SELECT id, pair, ref_day, string_to_array(products, ',')::int[], latest
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::text[], %s::int[])
                   AS s(id, pair, ref_day, products, latest);
            INSERT INTO optima_ri_member (series, doc)
            SELECT * FROM unnest(%s::int[], %s::int[]);
            """,
            (
                ids,
                [pair for pair, _s in found],
                [series.ref_day for _p, series in found],
                [",".join(map(str, sorted(series.products))) for _p, series in found],
                [max(series.docs, key=lambda d: (d.date, d.id)).id for _p, series in found],
                [sid for sid, (_p, series) in zip(ids, found, strict=True) for _d in series.docs],
                [doc.id for _p, series in found for doc in series.docs],
            ),
        )

    @api.model
    def _read_series(self, company):
        """The series without the suppressed ones (step 6), with the currency of their
        latest document; ``docs`` holds the temporary series id."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT s.id, d.kind, d.buyer, d.recipient, s.ref_day, s.products, d.currency
              FROM optima_ri_series s
              JOIN optima_ri_doc d ON d.id = s.latest
             WHERE NOT EXISTS (
                       SELECT 1 FROM optima_recurring_proposal_suppression z
                        WHERE z.company_id = %s AND z.document_kind = d.kind
                          AND z.partner_id = d.buyer AND z.recipient_id = d.recipient
                          AND z.product_key = array_to_string(s.products, ',')
                          AND abs(z.ref_day - s.ref_day) <= %s)
            """,
            (company.id, engine.TOLERANCE),
        )
        return [
            engine.Series(kind, buyer, recipient, ref_day, frozenset(products), sid, currency)
            for sid, kind, buyer, recipient, ref_day, products, currency in cr.fetchall()
        ]

    @api.model
    def _scan(self, company):
        today = fields.Date.context_today(self)
        cr = self.env.cr
        # The scan sorts some 200,000 narrow rows per 5,000 contractors: in memory rather
        # than in files. Temporary tables have no statistics, so the planner's row
        # estimates are far too high and JIT compiling would cost more than the queries.
        cr.execute(
            "SELECT current_setting('work_mem'), current_setting('jit'),"
            " set_config('work_mem', '64MB', TRUE), set_config('jit', 'off', TRUE)"
        )
        work_mem, jit = cr.fetchone()[:2]
        self._read_documents(company, today)
        self._series_python(self._series_sql())
        series = self._read_series(company)
        found = engine.merge(series)
        open_proposals = self.search([("company_id", "=", company.id), ("state", "=", "open")])
        by_signature = {p.signature: p for p in open_proposals}
        keep = self.browse()
        new, kept_links = [], []
        for proposal in found:
            sig = engine.signature(proposal)
            if sig in by_signature:
                keep |= by_signature[sig]
                kept_links += [(by_signature[sig].id, series) for series in proposal["series"]]
            else:
                new.append((proposal, sig))
        (open_proposals - keep).unlink()
        now = fields.Datetime.now()
        created = self.create(
            [
                {
                    "company_id": company.id,
                    "document_kind": proposal["kind"],
                    "currency_id": proposal["currency"],
                    "product_ids": [(6, 0, sorted(proposal["products"]))],
                    "detected_at": now,
                    "signature": sig,
                }
                for proposal, sig in new
            ]
        )
        self._write_series(
            [
                (record.id, series)
                for record, (proposal, _sig) in zip(created, new, strict=True)
                for series in proposal["series"]
            ],
            kept_links,
        )
        # Restored only now: writing the series sorts all their documents too.
        cr.execute(
            "SELECT set_config('work_mem', %s, TRUE), set_config('jit', %s, TRUE)",
            (work_mem, jit),
        )
        company.sudo().optima_ri_last_scan_date = today
        return keep | created

    @api.model
    def _write_series(self, created, kept):
        """The series rows with their documents in one statement instead of an ORM write
        per series. ``created`` and ``kept`` are (proposal id, engine.Series) pairs: rows
        are inserted for new proposals; a proposal found again keeps its rows, whose
        documents are brought up to date (this month's invoice joins its series, one
        older than 13 months leaves it)."""
        table = self.env["optima.recurring.proposal.series"]._table
        self.env.flush_all()
        if created:
            self._execute_with_links(
                f"""
                INSERT INTO {table} (proposal_id, partner_id, recipient_id, ref_day, move_refs)
                SELECT proposal, buyer, recipient, ref_day, docs FROM link
                """,
                created,
            )
        if kept:
            self._execute_with_links(
                f"""
                UPDATE {table} t
                   SET move_refs = l.docs
                  FROM link l
                 WHERE t.proposal_id = l.proposal AND t.partner_id = l.buyer
                   AND t.recipient_id = l.recipient
                   -- the same documents in another order are no change
                   AND NOT COALESCE(t.move_refs @> l.docs AND l.docs @> t.move_refs, FALSE)
                """,
                kept,
            )
        self.env.invalidate_all()

    @api.model
    def _execute_with_links(self, statement, links):
        """Run ``statement`` with ``link``: (proposal, buyer, recipient, ref_day, docs)
        per (proposal id, engine.Series) of ``links``, docs the series' document ids as
        a JSON array (in no particular order: the aggregate is hashed, not sorted)."""
        self.env.cr.execute(
            f"""
            WITH link AS (
                SELECT l.proposal, l.buyer, l.recipient, s.ref_day,
                       COALESCE(s.docs, x.docs) AS docs
                  FROM unnest(%(proposals)s::int[], %(series)s::int[], %(buyers)s::int[],
                              %(recipients)s::int[]) AS l(proposal, series, buyer, recipient)
                  JOIN optima_ri_series s ON s.id = l.series
                  LEFT JOIN (SELECT series, jsonb_agg(doc) AS docs
                               FROM optima_ri_member
                              GROUP BY series) x ON x.series = s.id
            )
            {statement}
            """,
            {
                "proposals": [proposal for proposal, _s in links],
                "series": [series.docs for _p, series in links],
                "buyers": [series.buyer for _p, series in links],
                "recipients": [series.recipient for _p, series in links],
            },
        )

    # ------------------------------------------------------------------ actions
    def _suppress(self, reason):
        self.env["optima.recurring.proposal.suppression"].create(
            [
                {
                    "company_id": proposal.company_id.id,
                    "document_kind": proposal.document_kind,
                    "partner_id": series.partner_id.id,
                    "recipient_id": series.recipient_id.id,
                    "product_key": ",".join(str(i) for i in sorted(proposal.product_ids.ids)),
                    "ref_day": series.ref_day,
                    "reason": reason,
                }
                for proposal in self
                for series in proposal.series_ids
            ]
        )

    def action_dismiss(self):
        """RI-28 Usuń fakturę cykliczną (after the P25 confirmation in the view)."""
        self._suppress("dismissed")
        self.state = "dismissed"
        return True

    def action_create_template(self):
        """RI-28 Dodaj fakturę cykliczną: the 3-step wizard (RI-29)."""
        self.ensure_one()
        return self.env["optima.recurring.proposal.wizard"]._action_open(self)

    @api.model
    def action_open_list(self):
        """RI-27: the notice's target; users without the access group get M5."""
        if not self.env.user.has_group("optima_recurring_invoice.group_proposal"):
            raise UserError(
                self.env._(
                    "To see the list of proposed recurring invoices, ask the Administrator to "
                    "grant access to the proposal list on your user."
                )
            )
        self.env.user.sudo().optima_ri_proposals_seen_at = fields.Datetime.now()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "optima_recurring_invoice.action_optima_recurring_proposal"
        )

    @api.model
    def has_new_proposals(self):
        """RI-27 notice: one indexed query; also starts the day's scan when it is due."""
        company = self.env.company
        if (company.optima_ri_last_scan_date or fields.Date.to_date("1970-01-01")) < (
            fields.Date.context_today(self)
        ):
            cron = self.env.ref(
                "optima_recurring_invoice.ir_cron_recurring_proposal_scan", raise_if_not_found=False
            )
            if cron:
                cron.sudo()._trigger()
        seen = self.env.user.optima_ri_proposals_seen_at
        domain = [("state", "=", "open"), ("company_id", "=", company.id)]
        if seen:
            domain.append(("detected_at", ">", seen))
        return bool(self.sudo().search_count(domain, limit=1))
