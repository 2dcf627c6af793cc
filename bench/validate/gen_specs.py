#!/usr/bin/env python3
"""Generate a deterministic, realistic, valid fsc project for benchmarks.

    gen_specs.py N OUT_DIR

Writes OUT_DIR/fsc.yaml plus N spec documents, one per file:

    sources/<name>.yaml          ~10%  stream and cdc sources (6-12 columns, dedup,
                                       lateness, quality checks incl. `expect` SQL)
    entities/<name>.yaml          ~5%  single BIGINT keys, some composite (a, b) pairs
    features/<entity>/<view>.yaml ~70% 3-6 features each, SQL exprs, a filter,
                                       windows respecting the tile rule; ~10% are
                                       `query:` views (stream JOIN cdc FOR SYSTEM_TIME AS OF)
    datasets/<name>.yaml         ~15%  spine (source or query), `view.*` / `view.feature`
                                       refs to views of entities bound in the spine, one label

The layout and field names mirror specs/examples/marketplace. The generator is
seeded by N only: the same N gives byte-identical files wherever OUT_DIR is (so
the files carry no `# yaml-language-server: $schema=` modeline, whose relative
path would depend on OUT_DIR). Python 3 standard library only.

OUT_DIR is deleted and rewritten if it holds a previous generated project (a
`.gen_specs` marker file); any other non-empty OUT_DIR is refused.
"""

import os
import random
import shutil
import sys

MARKER = ".gen_specs"

# --------------------------------------------------------------------------- vocabulary

ENTITY_NOUNS = [
    "user", "item", "merchant", "seller", "store", "driver", "rider", "device",
    "account", "card", "campaign", "product", "restaurant", "courier", "advertiser",
    "creator", "listing", "host", "guest", "warehouse", "publisher", "app", "article",
    "author", "team", "vendor", "partner", "agent", "venue", "route",
]

SOURCE_THEMES = [
    # (name, thing (singular, for cdc row ids), human description)
    ("payments", "payment", "card and wallet payments from the checkout service"),
    ("clicks", "click", "product clicks from web and mobile apps"),
    ("orders", "order", "marketplace orders from the order service"),
    ("logins", "login", "sign-in attempts from the identity service"),
    ("rides", "ride", "completed and cancelled rides from the dispatch service"),
    ("shipments", "shipment", "parcel shipments from the fulfilment service"),
    ("refunds", "refund", "refund requests from customer support"),
    ("page_views", "page_view", "page views from the web tracker"),
    ("searches", "search", "search queries and their result counts"),
    ("messages", "message", "buyer-seller messages from the inbox service"),
    ("reviews", "review", "ratings and reviews left after a purchase"),
    ("sessions", "session", "app sessions from the mobile SDK"),
    ("transfers", "transfer", "wallet-to-wallet transfers from the ledger"),
    ("deliveries", "delivery", "food deliveries from the courier app"),
    ("bookings", "booking", "stay bookings from the reservations service"),
    ("ad_impressions", "ad_impression", "ad impressions served by the ad server"),
    ("app_events", "app_event", "generic app events from the analytics SDK"),
    ("tickets", "ticket", "support tickets from the help desk"),
    ("subscriptions", "subscription", "subscription changes from billing"),
    ("invoices", "invoice", "invoices issued by the billing service"),
    ("cart_events", "cart_event", "add-to-cart and remove-from-cart events"),
    ("withdrawals", "withdrawal", "payout withdrawals requested by sellers"),
]
REGIONS = ["", "_eu", "_us", "_apac", "_latam", "_mena"]
TEAMS = ["data-platform", "ranking-ml", "trust-and-safety", "growth-analytics",
         "payments-ml", "logistics-ml", "ads-ml", "identity-team", "risk-engineering"]
# two PostgreSQL databases (fsc's connectors are Debezium Postgres ones), declared under prod's connect.databases
DATABASES = ["postgres", "ledger"]
DB_PREFIX = {"postgres": "pg", "ledger": "ledger"}
KEY_ROLES = ["owner", "acting", "origin", "primary"]

AMOUNT_COLS = ["amount_usd", "total_usd", "fee_usd", "price_usd", "discount_usd", "tip_usd"]
INT_COLS = ["quantity", "item_count", "retry_count", "page_depth", "slot", "seats"]
LONG_COLS = ["duration_ms", "latency_ms", "bytes_sent", "dwell_ms"]
DOUBLE_COLS = ["risk_score", "rating", "distance_km", "model_score"]
BOOL_COLS = ["is_first_purchase", "is_mobile", "is_promo", "is_retry"]
ENUM_COLS = {
    "status": ["placed", "paid", "shipped", "delivered", "cancelled", "refunded"],
    "channel": ["web", "ios", "android", "partner_api"],
    "country": ["US", "DE", "FR", "BR", "IN", "JP", "GB"],
    "payment_method": ["card", "paypal", "apple_pay", "gift_card", "bank_transfer"],
    "device": ["web", "ios", "android"],
    "page": ["home", "search", "category", "pdp", "cart", "checkout"],
}
FREE_COLS = [("session_id", None), ("ip_hash", "hash"), ("email", "encrypt"),
             ("user_agent", None), ("phone", "hash")]
PROFILE_ENUMS = {
    "tier": ["free", "basic", "pro", "enterprise"],
    "account_status": ["active", "restricted", "suspended", "closed"],
}

WINDOW_SETS = [
    ["1h", "1d", "7d", "30d"], ["1h", "1d", "7d"], ["1d", "7d", "30d"], ["1h", "1d"],
    ["7d", "30d"], ["1h", "7d", "30d"], ["1d", "30d"], ["1h"], ["1d"], ["7d"], ["30d"],
    ["15m", "1h", "1d"], ["1h", "6h", "1d"], ["1d", "3d", "7d"], ["7d", "14d", "30d"],
    ["30d", "90d"],
]
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def plural(word):
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def seconds(d):
    return int(d[:-1]) * UNIT_SECONDS[d[-1]]


def fits_tile_rule(window):
    """Default tiles: 1m up to 1d, 1h up to 7d, 1d above; a window must be whole tiles."""
    s = seconds(window)
    if s <= 86400:
        return s % 60 == 0
    if s <= 7 * 86400:
        return s % 3600 == 0
    return s % 86400 == 0


for _ws in WINDOW_SETS:
    assert all(fits_tile_rule(w) for w in _ws), _ws


# --------------------------------------------------------------------------- model

class Col:
    def __init__(self, name, sql_type, kind, values=None, pii=None, nullable=True, note=None):
        self.name, self.sql_type, self.kind = name, sql_type, kind
        self.values, self.pii, self.nullable, self.note = values, pii, nullable, note


class Entity:
    def __init__(self, name, keys, parts=None):
        self.name, self.keys, self.parts = name, keys, parts  # keys: [key name]; parts: (a, b) singles


class Source:
    def __init__(self, name, stype, theme, cols, key_cols, profile):
        self.name, self.type, self.theme = name, stype, theme
        self.cols = cols                  # [Col]
        self.key_cols = key_cols          # entity name -> {entity key -> column}
        self.profile = profile            # cdc table keyed by its entity's key
        self.pk = None

    def of_kind(self, *kinds):
        return [c for c in self.cols if c.kind in kinds]


class View:
    def __init__(self, name, entity, outputs):
        self.name, self.entity, self.outputs = name, entity, outputs


# --------------------------------------------------------------------------- yaml helpers

def q(s):
    """A double-quoted YAML scalar (our SQL never holds a backslash or a double quote)."""
    assert '"' not in s and "\\" not in s
    return '"' + s + '"'


def flow_list(items):
    return "[" + ", ".join(items) + "]"


def flow_map(pairs):
    return "{ " + ", ".join(f"{k}: {v}" for k, v in pairs) + " }"


def folded(text, indent="  ", width=78):
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(indent) + len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    lines.append(line)
    return ">\n" + "\n".join(indent + l for l in lines)


def expr_scalar(sql):
    """Plain scalars for identifiers and CASTs, as the examples do; quote anything else."""
    plain = all(ch.isalnum() or ch in "_ (),." for ch in sql) and not sql[0].isdigit()
    return sql if plain else q(sql)


# --------------------------------------------------------------------------- generator

class Generator:
    def __init__(self, n):
        if n < 4:
            raise SystemExit("gen_specs.py: N must be at least 4 (a source, an entity, a view, a dataset)")
        self.n = n
        self.rng = random.Random(20261001 + n)
        self.n_src = max(1, round(n * 0.10))
        self.n_ent = max(1, round(n * 0.05))
        self.n_ds = max(1, round(n * 0.15))
        self.n_view = n - self.n_src - self.n_ent - self.n_ds
        assert self.n_view >= 1
        self.files = {}  # relative path -> text
        self.entities, self.sources, self.views = [], [], []
        self.used_names = {"source": set(), "entity": set(), "feature_view": set(), "dataset": set()}

    def unique(self, kind, base):
        name, k = base, 2
        while name in self.used_names[kind]:
            name = f"{base}_{k}"
            k += 1
        self.used_names[kind].add(name)
        return name

    # ---- entities ---------------------------------------------------------

    def make_entities(self):
        n_comp = self.n_ent // 8 if self.n_ent >= 4 else 0
        n_single = self.n_ent - n_comp
        singles = []
        for i in range(n_single):
            noun = ENTITY_NOUNS[i % len(ENTITY_NOUNS)]
            rnd = i // len(ENTITY_NOUNS)
            name = self.unique("entity", noun if rnd == 0 else f"{noun}_{rnd + 1}")
            singles.append(Entity(name, [f"{name}_id"]))
        comps = []
        for i in range(n_comp):
            a = singles[(2 * i) % n_single]
            b = singles[(2 * i + 1) % n_single]
            name = self.unique("entity", f"{a.name}_{b.name}")
            comps.append(Entity(name, [a.keys[0], b.keys[0]], parts=(a, b)))
        self.singles, self.comps = singles, comps
        self.entities = singles + comps
        by_parts = {}
        for c in comps:
            by_parts.setdefault((c.parts[0].name, c.parts[1].name), c)
        self.comp_by_parts = by_parts
        for e in self.entities:
            self.emit_entity(e)

    def emit_entity(self, e):
        r = self.rng
        if e.parts:
            a, b = e.parts
            desc = (f"A ({a.name}, {b.name}) pair, for affinity features: how this {a.name} has engaged "
                    f"with this particular {b.name}. Composite key: both columns identify a row.")
            keys = "keys:\n" + "".join(f"  {k}: BIGINT\n" for k in e.keys)
        else:
            desc = f"A {e.name.replace('_', ' ')} ({e.keys[0]})."
            keys = f"keys: {flow_map([(e.keys[0], 'BIGINT')])}\n"
        text = (f"kind: entity\nname: {e.name}\n"
                f"description: {folded(desc) if len(desc) > 60 else desc}\n"
                f"owner: {r.choice(TEAMS)}\n{keys}")
        self.files[f"entities/{e.name}.yaml"] = text

    # ---- sources ----------------------------------------------------------

    def make_sources(self):
        r = self.rng
        singles, n_single = self.singles, len(self.singles)
        self.profiles = {}  # entity name -> profile cdc source
        for i in range(self.n_src):
            comp = self.comps[i] if i < len(self.comps) else None
            profile = comp is None and i % 5 == 4
            if comp:
                p, qe = comp.parts
            else:
                p = singles[i % n_single]
                qe = singles[(i * 7 + 3) % n_single] if n_single > 1 else None
                if qe is p:
                    qe = singles[(i + 1) % n_single]
            if profile:
                self.sources.append(self.profile_source(p))
            else:
                stype = "cdc" if i % 5 == 2 else "stream"
                self.sources.append(self.event_source(i, stype, p, qe))
        for s in self.sources:
            self.emit_source(s)

    def profile_source(self, ent):
        r = self.rng
        name = self.unique("source", f"{ent.name}_profiles")
        key = ent.keys[0]
        cols = [Col(key, "BIGINT NOT NULL", "key", nullable=False)]
        for en, vals in PROFILE_ENUMS.items():
            cols.append(Col(en, "VARCHAR", "enum", values=vals))
        cols.append(Col("country", "VARCHAR", "enum", values=ENUM_COLS["country"], note="ISO 3166-1 alpha-2"))
        cols.append(Col("is_verified", "BOOLEAN", "bool", note="passed KYC / payment verification"))
        cols.append(Col("signup_at", "TIMESTAMP(3)", "ts"))
        extras = [Col("risk_score", "DOUBLE", "double"), Col("email", "VARCHAR", "free", pii="encrypt"),
                  Col("phone", "VARCHAR", "free", pii="hash"), Col("date_of_birth", "DATE", "date", pii="drop"),
                  Col("lifetime_value_usd", "DECIMAL(12,2)", "amount")]
        cols += r.sample(extras, r.randint(0, len(extras)))
        cols.append(Col("event_time", "TIMESTAMP(3) NOT NULL", "time", nullable=False))
        s = Source(name, "cdc", ("profiles", ent.name, f"{ent.name} profiles from the account service"),
                   cols, {ent.name: {key: key}}, profile=True)
        s.pk = [key]
        self.profiles.setdefault(ent.name, s)
        return s

    def event_source(self, i, stype, p, qe):
        r = self.rng
        theme = SOURCE_THEMES[i % len(SOURCE_THEMES)]
        region = REGIONS[(i // len(SOURCE_THEMES)) % len(REGIONS)]
        name = self.unique("source", theme[0] + region)
        cols, key_cols = [], {}
        if stype == "stream":
            cols.append(Col("event_id", "VARCHAR NOT NULL", "id", nullable=False))
        else:
            cols.append(Col(f"{theme[1]}_id", "BIGINT NOT NULL", "id", nullable=False))
        pkey = p.keys[0]
        pcol = f"{r.choice(KEY_ROLES)}_{pkey}" if i % 3 == 0 else pkey
        cols.append(Col(pcol, "BIGINT NOT NULL", "key", nullable=False))
        key_cols[p.name] = {pkey: pcol}
        if qe is not None:
            qcol = qe.keys[0]
            cols.append(Col(qcol, "BIGINT", "key"))
            key_cols[qe.name] = {qcol: qcol}
            comp = self.comp_by_parts.get((p.name, qe.name))
            if comp:
                key_cols[comp.name] = {pkey: pcol, qcol: qcol}
        # always an amount and a status-like enum, then extras up to 6-12 columns in all
        cols.append(Col(r.choice(AMOUNT_COLS), "DECIMAL(12,2)", "amount"))
        cols.append(Col("status", "VARCHAR", "enum", values=ENUM_COLS["status"]))
        pool = ([Col(r.choice(INT_COLS), "INT", "int"), Col(r.choice(LONG_COLS), "BIGINT", "long"),
                 Col(r.choice(DOUBLE_COLS), "DOUBLE", "double"), Col(r.choice(BOOL_COLS), "BOOLEAN", "bool"),
                 Col("created_at", "TIMESTAMP(3)", "ts")]
                + [Col(c, "VARCHAR", "enum", values=v) for c, v in ENUM_COLS.items() if c != "status"]
                + [Col(c, "VARCHAR", "free", pii=pii) for c, pii in FREE_COLS])
        pool = [c for c in pool if c.name not in {x.name for x in cols}]
        target = r.randint(6, 12)
        n_extra = max(0, target - len(cols) - 1)
        cols += r.sample(pool, min(n_extra, len(pool)))
        cols.append(Col("event_time", "TIMESTAMP(3) NOT NULL", "time", nullable=False))
        s = Source(name, stype, theme, cols, key_cols, profile=False)
        if stype == "cdc":
            s.pk = [cols[0].name]
        return s

    def emit_source(self, s):
        r = self.rng
        theme_name, thing, what = s.theme
        out = [f"kind: source", f"name: {s.name}"]
        if s.profile:
            desc = (f"{what.capitalize()}, captured from Postgres with Debezium. Each profile or status "
                    f"change is a new row version; contact details are protected at the silver layer.")
            db = "postgres"
        elif s.type == "stream":
            fmt = r.choice(["json", "avro", "protobuf"])
            desc = (f"{what.capitalize()}, {fmt.upper() if fmt != 'json' else 'JSON'} on Kafka. Clients retry, "
                    f"so the same event_id can arrive twice: the first arrival wins. Late events go to the "
                    f"late table in both the streaming and the batch path.")
        else:
            db = r.choice(DATABASES)
            desc = (f"{what.capitalize()}, captured from {db} with Debezium. Every status change is a new "
                    f"row version, versioned by {s.pk[0]} and stamped with event_time.")
        out.append("description: " + folded(desc))
        out.append(f"owner: {r.choice(TEAMS)}")
        if r.random() < 0.5:
            out.append(f"tags: {flow_list(sorted(r.sample(['pii', 'tier1', 'realtime', 'finance', 'growth', 'risk'], 2)))}")
        out.append(f"type: {s.type}")
        if s.type == "stream":
            out.append(f"stream: {flow_map([('topic', s.name.replace('_', '-') + '.v' + str(r.randint(1, 3))), ('format', fmt)])}")
        else:
            schema = "public" if db == "postgres" else "app"
            out.append(f"cdc: {flow_map([('database', db), ('table', f'{schema}.{s.name}'), ('topic', f'{DB_PREFIX[db]}.{schema}.{s.name}')])}")
            out.append(f"primary_key: {flow_list(s.pk)}")
        out.append("event_time: event_time")
        out.append("columns:")
        width = max(len(c.name) for c in s.cols) + 1
        for c in s.cols:
            typ = f"{{ type: {c.sql_type}, pii: {c.pii} }}" if c.pii else c.sql_type
            line = f"  {(c.name + ':').ljust(width)} {typ}"
            if c.note:
                line = line.ljust(40) + f" # {c.note}"
            out.append(line)
        if s.type == "stream":
            out.append(f"dedup: {flow_map([('key', '[event_id]'), ('within', r.choice(['6h', '24h', '48h']))])}")
            out.append(f"lateness: {r.choice(['5m', '10m', '15m'])}")
        else:
            out.append(f"lateness: {r.choice(['2m', '5m'])}")
        out.append(f"retention: {r.choice(['180d', '365d', '400d', '730d'])}")
        out.append("quality:")
        out += self.quality(s)
        self.files[f"sources/{s.name}.yaml"] = "\n".join(out) + "\n"

    def quality(self, s):
        r = self.rng
        checks = []
        not_null = [c.name for c in s.cols if not c.nullable and c.kind != "time"]
        enums = s.of_kind("enum")
        checks.append(f"  - not_null: {flow_list(not_null + ([enums[0].name] if enums and r.random() < 0.5 else []))}")
        if s.type == "stream":
            checks.append(f"  - unique: [event_id]")
        else:
            checks.append(f"  - unique: {flow_list(s.pk + ['event_time'])}")
        amounts = s.of_kind("amount")
        if amounts:
            checks.append(f"  - range: {flow_map([('column', amounts[0].name), ('min', 0), ('max', r.choice([10000, 50000, 100000]))])}")
        for c in s.of_kind("double")[:1]:
            checks.append(f"  - range: {flow_map([('column', c.name), ('min', 0), ('max', 5 if c.name == 'rating' else 1000)])}")
        for e in enums[:2]:
            if len(e.values) > 4:
                checks.append(f"  - accepted_values:\n      column: {e.name}\n      values: {flow_list(e.values)}")
            else:
                checks.append(f"  - accepted_values: {flow_map([('column', e.name), ('values', flow_list(e.values))])}")
        # custom SQL expectations
        exps = []
        if amounts:
            a = amounts[0].name
            exps.append(("non_negative_" + a, f"{a} IS NULL OR {a} >= 0"))
            if any(c.name == "status" for c in enums):
                exps.append(("refunds_have_an_amount", f"status <> 'refunded' OR {a} > 0"))
        if any(c.name == "created_at" for c in s.cols):
            exps.append(("created_before_event", "created_at IS NULL OR created_at <= event_time"))
        if any(c.name == "signup_at" for c in s.cols):
            exps.append(("signup_before_update", "signup_at IS NULL OR signup_at <= event_time"))
        if any(c.name == "country" for c in s.cols):
            exps.append(("country_is_iso_alpha2",
                         "country IS NULL OR (CHAR_LENGTH(country) = 2 AND country = UPPER(country))"))
        if not exps:
            exps.append(("event_time_after_2020", "event_time >= TIMESTAMP '2020-01-01 00:00:00'"))
        for k, (name, sql) in enumerate(r.sample(exps, min(len(exps), r.randint(1, 2)))):
            if k % 2 == 0:
                checks.append(f"  - expect: {{ name: {name}, sql: {q(sql)} }}")
            else:
                checks.append(f"  - expect:\n      name: {name}\n      sql: {q(sql)}")
        nullable = [c for c in s.cols if c.nullable and c.kind != "time" and not c.pii]
        if nullable:
            c = r.choice(nullable)
            checks.append(f"  - null_rate: {flow_map([('column', c.name), ('max', r.choice(['0.01', '0.02', '0.05']))])}")
            if r.random() < 0.5:
                checks.append("    severity: warn")
            c = r.choice(nullable)
            checks.append(f"  - null_rate_spike: {flow_map([('column', c.name), ('max_increase', r.choice(['0.01', '0.05', '0.10'])), ('baseline', '7d')])}")
        checks.append(f"  - freshness: {{ max_delay: {r.choice(['1m', '2m', '5m', '15m'])} }}\n    severity: warn")
        checks.append(f"  - volume: {{ min_rows_per_day: {r.choice([10000, 100000, 1000000, 20000000])} }}\n    severity: warn")
        return checks

    # ---- feature views ----------------------------------------------------

    def feature_candidates(self, cols, key_cols):
        """(name, expr or None, agg, windowed) candidates over a table's columns."""
        r = self.rng
        by = lambda *k: [c for c in cols if c.kind in k]
        c = []
        for a in by("amount"):
            base = a.name[:-4] if a.name.endswith("_usd") else a.name
            c += [(f"{base}_usd", a.name, "sum", True),
                  (f"avg_{base}_usd", f"CAST({a.name} AS DOUBLE)", "avg", True),
                  (f"max_{base}_usd", a.name, "max", True),
                  (f"min_{base}_usd", a.name, "min", True),
                  (f"large_{base}_count", f"CASE WHEN {a.name} > {r.choice([100, 250, 500, 1000])} THEN 1 ELSE 0 END", "sum", True),
                  (f"last_{base}_usd", a.name, "last", False)]
        for e in by("enum"):
            v = e.values[1] if len(e.values) > 1 else e.values[0]
            two = e.values[-2:]
            c += [(f"{e.name}_{v.lower()}_count", f"CASE WHEN {e.name} = '{v}' THEN 1 ELSE 0 END", "sum", True),
                  (f"{e.name}_{two[0].lower()}_share",
                   f"CAST(CASE WHEN {e.name} IN ('{two[0]}', '{two[1]}') THEN 1 ELSE 0 END AS DOUBLE)", "avg", True),
                  (f"distinct_{plural(e.name)}", f"COALESCE({e.name}, 'unknown')", "count_distinct", True),
                  (f"last_{e.name}", e.name, "last", False)]
        for i in by("int"):
            c += [(f"{i.name}_total", i.name, "sum", True), (f"max_{i.name}", i.name, "max", True)]
        for l in by("long"):
            base = l.name[:-3]
            c += [(f"avg_{base}_s", f"CAST({l.name} AS DOUBLE) / 1000.0", "avg", True),
                  (f"max_{l.name}", l.name, "max", True)]
        for d in by("double"):
            c += [(f"avg_{d.name}", d.name, "avg", True), (f"max_{d.name}", d.name, "max", True)]
        for b in by("bool"):
            c += [(f"{b.name[3:]}_share", f"CAST(CASE WHEN {b.name} THEN 1 ELSE 0 END AS DOUBLE)", "avg", True)]
        for k in key_cols:
            c += [(f"distinct_{plural(k.name[:-3])}", k.name, "count_distinct", True)]
        for t in by("ts"):
            c += [(f"max_{t.name[:-3]}_lag_s", f"TIMESTAMPDIFF(SECOND, {t.name}, event_time)", "max", True)]
        for t in by("free"):
            if t.name == "session_id":
                c += [("distinct_sessions", "session_id", "count_distinct", True)]
        return c

    def filter_for(self, cols):
        r = self.rng
        opts = []
        for e in [c for c in cols if c.kind == "enum"]:
            if e.name == "status":
                opts += [f"status <> 'cancelled'", "status IN ('paid', 'shipped', 'delivered')"]
            else:
                opts.append(f"{e.name} IS NOT NULL AND {e.name} <> '{e.values[-1]}'")
        for a in [c for c in cols if c.kind == "amount"]:
            opts.append(f"{a.name} IS NOT NULL AND {a.name} >= 0")
        for b in [c for c in cols if c.kind == "bool"]:
            opts.append(f"COALESCE({b.name}, FALSE) = FALSE")
        return r.choice(opts) if opts else "event_time IS NOT NULL"

    def make_views(self):
        r = self.rng
        event_sources = [s for s in self.sources if not s.profile]
        for j in range(self.n_view):
            s = self.sources[(j * 37 + j // len(self.sources)) % len(self.sources)]
            ent_name = r.choice(sorted(s.key_cols))
            ent = next(e for e in self.entities if e.name == ent_name)
            query_ok = (not s.profile and s.type == "stream" and ent.parts is None
                        and ent.name in self.profiles)
            if query_ok and r.random() < 0.30:
                self.query_view(s, ent)
            else:
                self.source_view(s, ent)

    def pick_windows(self):
        r = self.rng
        return r.choice(WINDOW_SETS)

    def features_block(self, cands, view_name_hint):
        r = self.rng
        r.shuffle(cands)
        want = r.randint(3, 6)
        feats, names = [], set()
        has_count = False
        for (name, expr, agg, windowed) in cands:
            if len(feats) >= want:
                break
            if name in names:
                continue
            names.add(name)
            feats.append((name, expr, agg, self.pick_windows() if windowed else None))
        if len(feats) < want:
            feats.insert(0, ("event_count", None, "count", self.pick_windows()))
        elif r.random() < 0.5:
            feats[0] = ("event_count", None, "count", self.pick_windows())
        return feats

    def view_common(self, out, feats, online_ok):
        r = self.rng
        online = online_ok and r.random() < 0.7
        out.append(f"online: {'true' if online else 'false'}")
        if online:
            out.append(f"freshness: {r.choice(['1m', '2m', '5m'])}")
        windows = [w for f in feats if f[3] for w in f[3]]
        longest = max((seconds(w) for w in windows), default=0)
        if r.random() < 0.85:
            ttl = r.choice(["30d", "90d", "180d"])
            while seconds(ttl) < longest:
                ttl = {"30d": "90d", "90d": "180d"}[ttl]
            out.append(f"ttl: {ttl}")
        if windows and all(seconds(w) % 3600 == 0 for w in windows) and r.random() < 0.15:
            out.append("granularity: 1h")
        out.append("features:")
        outputs = []
        for name, expr, agg, wins in feats:
            out.append(f"  - name: {name}")
            if expr is not None:
                out.append(f"    expr: {expr_scalar(expr)}")
            out.append(f"    agg: {agg}")
            if wins:
                out.append(f"    windows: {flow_list(wins)}")
                outputs += [f"{name}_{w}" for w in wins]
            else:
                outputs.append(name)
        return outputs

    def source_view(self, s, ent):
        r = self.rng
        name = self.unique("feature_view", f"{ent.name}_{s.name}_{r.choice(['stats', 'activity', 'velocity', 'signals', 'trends', 'mix'])}")
        mapping = s.key_cols[ent.name]
        key_cols = [c for c in s.cols if c.kind == "key" and c.name not in mapping.values()]
        cands = self.feature_candidates(s.cols, key_cols)
        feats = self.features_block(cands, name)
        out = [f"kind: feature_view", f"name: {name}",
               "description: " + folded(f"Windowed {s.theme[0].replace('_', ' ')} features of each {ent.name.replace('_', ' ')}, "
                                         f"from source {s.name}."),
               f"owner: {r.choice(TEAMS)}", f"entity: {ent.name}", f"source: {s.name}"]
        explicit = any(k != v for k, v in mapping.items()) or r.random() < 0.3
        if explicit:
            out.append(f"keys: {flow_map(list(mapping.items()))}")
        out.append(f"filter: {q(self.filter_for(s.cols))}")
        outputs = self.view_common(out, feats, online_ok=True)
        self.views.append(View(name, ent, outputs))
        self.files[f"features/{ent.name}/{name}.yaml"] = "\n".join(out) + "\n"

    def query_view(self, s, ent):
        """A stream joined with its entity's profile table as of each event's time."""
        r = self.rng
        prof = self.profiles[ent.name]
        key = ent.keys[0]
        pcol = s.key_cols[ent.name][key]
        name = self.unique("feature_view", f"{ent.name}_{s.name}_{r.choice(['risk', 'profile_mix', 'enriched'])}")
        sel = [f"ev.{pcol} AS {key}" if pcol != key else f"ev.{key}"]
        cols = [Col(key, "BIGINT", "key")]
        for c in s.cols:
            if c.kind in ("amount", "enum", "int", "double", "bool") and c.name != pcol:
                sel.append(f"ev.{c.name}")
                cols.append(c)
        other_keys = [c for c in s.cols if c.kind == "key" and c.name != pcol]
        for c in other_keys:
            sel.append(f"ev.{c.name}")
            cols.append(c)
        sel.append("CASE WHEN COALESCE(pr.is_verified, FALSE) THEN 0 ELSE 1 END AS unverified")
        cols.append(Col("unverified", "INT", "int"))
        sel.append("TIMESTAMPDIFF(HOUR, pr.signup_at, ev.event_time) AS account_age_hours")
        sel.append("pr.tier AS profile_tier")
        cols.append(Col("profile_tier", "VARCHAR", "enum", values=PROFILE_ENUMS["tier"]))
        sel.append("ev.event_time AS event_time")
        where = r.choice(["ev.status <> 'cancelled'", "pr.account_status = 'active'", None])
        query = ["SELECT"] + [f"  {x}," for x in sel[:-1]] + [f"  {sel[-1]}",
                 f"FROM {s.name} AS ev", f"JOIN {prof.name} FOR SYSTEM_TIME AS OF ev.event_time AS pr",
                 f"  ON ev.{pcol} = pr.{key}"]
        if where:
            query.append(f"WHERE {where}")
        cands = self.feature_candidates(cols, other_keys)
        cands.append(("max_account_age_hours", "account_age_hours", "max", True))
        cands.append(("last_account_age_hours", "account_age_hours", "last", False))
        feats = self.features_block(cands, name)
        out = [f"kind: feature_view", f"name: {name}",
               "description: " + folded(
                   f"{s.theme[0].replace('_', ' ').capitalize()} of each {ent.name}, enriched with the {ent.name}'s "
                   f"profile as it was at the event's time (stream JOIN cdc, FOR SYSTEM_TIME AS OF), so a later "
                   f"profile change cannot leak into training rows."),
               f"owner: {r.choice(TEAMS)}", f"entity: {ent.name}",
               "query: |"] + [f"  {l}" for l in query]
        out.append(f"filter: {q(self.filter_for(cols))}")
        outputs = self.view_common(out, feats, online_ok=True)
        self.views.append(View(name, ent, outputs))
        self.files[f"features/{ent.name}/{name}.yaml"] = "\n".join(out) + "\n"

    # ---- datasets ---------------------------------------------------------

    def make_datasets(self):
        r = self.rng
        views_by_entity = {}
        for v in self.views:
            views_by_entity.setdefault(v.entity.name, []).append(v)
        spines = [s for s in self.sources if not s.profile
                  and any(e in views_by_entity for e in s.key_cols)]
        if not spines:
            spines = [s for s in self.sources if any(e in views_by_entity for e in s.key_cols)]
        if not spines:
            raise SystemExit("gen_specs.py: no source has an entity with views; use a larger N")
        for d in range(self.n_ds):
            s = spines[(d * 13 + d // len(spines)) % len(spines)]
            self.dataset(s, views_by_entity)

    def dataset(self, s, views_by_entity):
        r = self.rng
        purpose = r.choice(["training", "scoring_backfill", "eval", "training_daily"])
        name = self.unique("dataset", f"{s.name}_{purpose}")
        bound = sorted(e for e in s.key_cols if e in views_by_entity)
        # the spine: the source itself, or a query over it
        id_col = s.cols[0].name
        extra = [c.name for c in s.cols if c.kind in ("amount", "enum")][:2]
        p_single = next(e for e in sorted(s.key_cols) if len(s.key_cols[e]) == 1)
        key_spine_cols = sorted({col for e in bound + [p_single] for col in s.key_cols[e].values()})
        use_query = r.random() < 0.2
        if use_query:
            ts = "ts"
            where = r.choice(["status <> 'cancelled'", "status IN ('placed', 'paid')", f"{extra[0]} IS NOT NULL"])
            sel = [id_col] + key_spine_cols + extra + ["event_time AS ts"]
            spine = ["spine:", "  query: |", "    SELECT " + ", ".join(sel), f"    FROM {s.name}", f"    WHERE {where}"]
        else:
            ts = "event_time"
            spine = ["spine:", f"  source: {s.name}"]
        spine.append(f"  timestamp: {ts}")
        spine.append("  keys:")
        for e in bound:
            m = s.key_cols[e]
            if len(m) == 1:
                spine.append(f"    {e}: {next(iter(m.values()))}")
            else:
                spine.append(f"    {e}: {flow_map(list(m.items()))}")
        columns = [id_col] + extra
        spine.append(f"  columns: {flow_list(columns)}")
        # the label (its name is checked against the feature columns below)
        p_ent = next(e for e in sorted(s.key_cols) if len(s.key_cols[e]) == 1)
        label_sources = [x for x in self.sources if p_ent in x.key_cols and len(x.key_cols[p_ent]) == 1]
        if not label_sources:
            label_sources = [s]
        L = r.choice(label_sources)
        (lkey,) = L.key_cols[p_ent].values()
        (skey,) = s.key_cols[p_ent].values() if len(s.key_cols[p_ent]) == 1 else (None,)
        horizon = r.choice(["1h", "1d", "7d", "30d"])
        amounts = L.of_kind("amount")
        enums = L.of_kind("enum")
        agg = r.choice(["exists", "count", "sum", "last"])
        if agg == "sum" and not amounts:
            agg = "count"
        if agg == "last" and not enums:
            agg = "exists"
        label = [f"  - name: next_{L.name}_{agg}_{horizon}", f"    source: {L.name}",
                 f"    keys: {flow_map([(lkey, skey)])}"]
        if agg == "sum":
            label.append(f"    expr: {expr_scalar(amounts[0].name)}")
        elif agg == "last":
            e = enums[0]
            label.append(f"    expr: {q(f'CASE WHEN {e.name} = {chr(39)}{e.values[-1]}{chr(39)} THEN 1 ELSE 0 END')}")
        if enums and r.random() < 0.3:
            label.append(f"    filter: {q(f'{enums[0].name} <> {chr(39)}{enums[0].values[0]}{chr(39)}')}")
        label.append(f"    agg: {agg}")
        label.append(f"    horizon: {horizon}")
        label_name = f"next_{L.name}_{agg}_{horizon}"
        # features: refs to views of bound entities, output columns kept unique
        taken = set(columns) | {label_name}
        cands = [v for e in bound for v in views_by_entity[e]]
        r.shuffle(cands)
        refs, want = [], r.randint(2, 6)
        for v in cands:
            if len(refs) >= want:
                break
            if r.random() < 0.6:
                picked, ref = v.outputs, [f"{v.name}.*"]
            else:
                picked = r.sample(v.outputs, min(len(v.outputs), r.randint(1, 2)))
                ref = [f"{v.name}.{o}" for o in picked]
            if taken.isdisjoint(picked):
                taken.update(picked)
                refs += ref
        if not refs:  # every candidate clashed: fall back to one column
            for v in cands:
                free = [o for o in v.outputs if o not in taken]
                if free:
                    refs.append(f"{v.name}.{free[0]}")
                    taken.add(free[0])
                    break
        assert refs, name
        hour = r.randint(1, 6)
        minute = r.choice([0, 15, 30, 45])
        out = [f"kind: dataset", f"name: {name}",
               "description: " + folded(
                   f"One row per {s.theme[1].replace('_', ' ') if not s.profile else 'profile change'} from {s.name}, with "
                   f"{' and '.join(bound)} features as of the row's time and what happened "
                   f"in the {horizon} that followed. Rows publish once the horizon has passed."),
               f"owner: {r.choice(TEAMS)}"] + spine
        out.append("features:")
        out += [f"  - {x}" for x in refs]
        out.append("labels:")
        out += label
        out.append(f"schedule: {q(f'{minute} {hour} * * *')}")
        out.append(f"deadline: {q(f'{hour + 1:02d}:{minute:02d}')}")
        out.append("output:")
        out.append(f"  table: gold.{name}")
        out.append(f"  partition_by: {r.choice(['day', 'day', 'hour'])}")
        out.append(f"snapshots: {{ retain: {r.choice(['90d', '365d', '730d'])} }}")
        self.files[f"datasets/{name}.yaml"] = "\n".join(out) + "\n"

    # ---- project ----------------------------------------------------------

    def project_file(self):
        return f"""# Generated by bench/validate/gen_specs.py {self.n}: a synthetic fsc project for benchmarks.
project: bench_{self.n}
description: Synthetic project with {self.n} specs ({self.n_src} sources, {self.n_ent} entities, {self.n_view} feature views, {self.n_ds} datasets).
environments:
  local: {{}}
  prod:
    catalog: {{ type: glue, warehouse: s3://bench-lake/warehouse }}
    kafka:   {{ bootstrap_servers: "b-1.bench-msk:9092,b-2.bench-msk:9092", schema_registry: "https://schema-registry.bench.internal:8081" }}
    connect:
      url: "http://kafka-connect.bench.internal:8083"
      databases:
        postgres: {{ hostname: app-db.bench.internal, dbname: app, user: debezium, password: "${{file:/opt/kafka/secrets/app-db.properties:password}}" }}
        ledger:   {{ hostname: ledger-db.bench.internal, dbname: ledger, user: debezium, password: "${{file:/opt/kafka/secrets/ledger-db.properties:password}}" }}
    flink:   {{ rest_url: "http://flink-jobmanager.bench.internal:8081" }}
    spark:   {{ mode: emr-serverless, application_id: "00fbench0000001", execution_role: "arn:aws:iam::123456789012:role/bench-fsc-spark" }}
    airflow: {{ dags_dir: "s3://bench-mwaa/dags" }}
    online:  {{ type: redis, url: "rediss://features.bench.cache.amazonaws.com:6379" }}
    state:   "s3://bench-fsc/state/prod"
"""

    def run(self):
        self.make_entities()
        self.make_sources()
        self.make_views()
        self.make_datasets()
        assert len(self.files) == self.n, (len(self.files), self.n)
        self.files["fsc.yaml"] = self.project_file()
        return self.files


def main(argv):
    if len(argv) != 3 or not argv[1].isdigit():
        print("usage: gen_specs.py N OUT_DIR   (N spec documents, N >= 4)", file=sys.stderr)
        return 2
    n, out = int(argv[1]), argv[2]
    files = Generator(n).run()
    if os.path.isdir(out) and os.listdir(out):
        if not os.path.exists(os.path.join(out, MARKER)):
            print(f"gen_specs.py: {out} is not empty and was not written by gen_specs.py; refusing to delete it",
                  file=sys.stderr)
            return 2
        shutil.rmtree(out)
    for rel, text in sorted(files.items()):
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    with open(os.path.join(out, MARKER), "w", encoding="utf-8") as f:
        f.write(f"{n}\n")
    counts = {}
    for rel in files:
        top = rel.split("/")[0] if "/" in rel else rel
        counts[top] = counts.get(top, 0) + 1
    print(f"gen_specs.py: wrote {n} specs to {out} ("
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k != "fsc.yaml") + ")", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
