package dev.fsc.e2e.oracle;

import static dev.fsc.e2e.oracle.Agg.AVG;
import static dev.fsc.e2e.oracle.Agg.COUNT;
import static dev.fsc.e2e.oracle.Agg.COUNT_DISTINCT;
import static dev.fsc.e2e.oracle.Agg.EXISTS;
import static dev.fsc.e2e.oracle.Agg.LAST;
import static dev.fsc.e2e.oracle.Agg.MAX;
import static dev.fsc.e2e.oracle.Agg.MIN;
import static dev.fsc.e2e.oracle.Agg.SUM;
import static dev.fsc.e2e.oracle.ColumnType.BIGINT;
import static dev.fsc.e2e.oracle.ColumnType.BOOLEAN;
import static dev.fsc.e2e.oracle.ColumnType.DATE;
import static dev.fsc.e2e.oracle.ColumnType.DOUBLE;
import static dev.fsc.e2e.oracle.ColumnType.INT;
import static dev.fsc.e2e.oracle.ColumnType.TIMESTAMP;
import static dev.fsc.e2e.oracle.ColumnType.VARCHAR;
import static dev.fsc.e2e.oracle.ColumnType.decimal;
import static dev.fsc.e2e.oracle.Sql.and;
import static dev.fsc.e2e.oracle.Sql.caseWhen;
import static dev.fsc.e2e.oracle.Sql.charLength;
import static dev.fsc.e2e.oracle.Sql.coalesce;
import static dev.fsc.e2e.oracle.Sql.divide;
import static dev.fsc.e2e.oracle.Sql.eq;
import static dev.fsc.e2e.oracle.Sql.gt;
import static dev.fsc.e2e.oracle.Sql.hour;
import static dev.fsc.e2e.oracle.Sql.in;
import static dev.fsc.e2e.oracle.Sql.isNotNull;
import static dev.fsc.e2e.oracle.Sql.isNull;
import static dev.fsc.e2e.oracle.Sql.isTrue;
import static dev.fsc.e2e.oracle.Sql.le;
import static dev.fsc.e2e.oracle.Sql.likePrefix;
import static dev.fsc.e2e.oracle.Sql.lower;
import static dev.fsc.e2e.oracle.Sql.lt;
import static dev.fsc.e2e.oracle.Sql.minus;
import static dev.fsc.e2e.oracle.Sql.ne;
import static dev.fsc.e2e.oracle.Sql.or;
import static dev.fsc.e2e.oracle.Sql.timestampDiff;
import static dev.fsc.e2e.oracle.Sql.times;
import static dev.fsc.e2e.oracle.Sql.toDouble;
import static dev.fsc.e2e.oracle.Sql.upper;
import static java.time.temporal.ChronoUnit.HOURS;

import dev.fsc.e2e.oracle.SourceDef.Pii;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The marketplace example (project {@code novamind}), hand-coded from
 * specs/examples/marketplace: sources, the feature views the datasets read, and the datasets
 * ranking_training and fraud_training. Window tile sizes are those {@code fsc explain} lists.
 */
final class Marketplace implements Example {

    @Override
    public List<SourceDef> sources() {
        return List.of(orders(), users(), clicks(), impressions(), catalog());
    }

    // ---- sources (sources/*.yaml; only error-severity row checks matter here) ----

    private static SourceDef orders() {
        return SourceDef.cdc("orders", "updated_at", "order_id")
                .column("order_id", BIGINT)
                .column("user_id", BIGINT)
                .column("item_id", BIGINT)
                .column("quantity", INT)
                .column("amount_usd", decimal(12, 2))
                .column("status", VARCHAR)
                .column("payment_method", VARCHAR)
                .column("card_fingerprint", VARCHAR, Pii.HASH)
                .column("shipping_country", VARCHAR)
                .column("created_at", TIMESTAMP)
                .column("updated_at", TIMESTAMP)
                .check(RowCheck.notNull("order_id", "user_id", "status"))
                .check(RowCheck.range("amount_usd", 0, 100000))
                .check(RowCheck.range("quantity", 1, 1000))
                .check(RowCheck.acceptedValues("status", "placed", "paid", "shipped", "delivered", "cancelled", "refunded"))
                .check(RowCheck.expect("created_before_updated",
                        r -> or(isNull(r.get("created_at")), le(r.get("created_at"), r.get("updated_at")))))
                .check(RowCheck.expect("paid_orders_have_a_payment_method",
                        r -> or(in(r.get("status"), "placed", "cancelled"), isNotNull(r.get("payment_method")))));
    }

    private static SourceDef users() {
        return SourceDef.cdc("users", "updated_at", "user_id")
                .column("user_id", BIGINT)
                .column("email", VARCHAR, Pii.ENCRYPT)
                .column("phone", VARCHAR, Pii.HASH)
                .column("date_of_birth", DATE, Pii.DROP)
                .column("country", VARCHAR)
                .column("account_status", VARCHAR)
                .column("is_verified", BOOLEAN)
                .column("signup_at", TIMESTAMP)
                .column("updated_at", TIMESTAMP)
                .check(RowCheck.notNull("user_id", "account_status", "signup_at"))
                .check(RowCheck.acceptedValues("account_status", "active", "restricted", "suspended", "closed"))
                .check(RowCheck.expect("signup_before_update", r -> le(r.get("signup_at"), r.get("updated_at"))))
                .check(RowCheck.expect("country_is_iso_alpha2", r -> or(isNull(r.get("country")),
                        and(eq(charLength(r.get("country")), 2L), eq(r.get("country"), upper(r.get("country")))))));
    }

    private static SourceDef clicks() {
        return SourceDef.stream("clicks", "ts")
                .column("event_id", VARCHAR)
                .column("user_id", BIGINT)
                .column("item_id", BIGINT)
                .column("impression_id", VARCHAR)
                .column("session_id", VARCHAR)
                .column("page", VARCHAR)
                .column("slot", INT)
                .column("device", VARCHAR)
                .column("ts", TIMESTAMP)
                .dedup("24h", "event_id")
                .lateness("10m")
                .check(RowCheck.notNull("event_id", "user_id", "item_id"))
                .check(RowCheck.acceptedValues("page", "home", "search", "category", "pdp", "cart", "checkout"))
                .check(RowCheck.acceptedValues("device", "web", "ios", "android"))
                .check(RowCheck.range("slot", 0, 500));
    }

    private static SourceDef impressions() {
        return SourceDef.stream("impressions", "ts")
                .column("event_id", VARCHAR)
                .column("impression_id", VARCHAR)
                .column("request_id", VARCHAR)
                .column("user_id", BIGINT)
                .column("item_id", BIGINT)
                .column("surface", VARCHAR)
                .column("slot", INT)
                .column("model_version", VARCHAR)
                .column("ts", TIMESTAMP)
                .dedup("6h", "event_id")
                .lateness("5m")
                .check(RowCheck.notNull("event_id", "impression_id", "user_id", "item_id"))
                .check(RowCheck.acceptedValues("surface", "home_feed", "search", "similar_items", "cart_upsell", "email"))
                .check(RowCheck.range("slot", 0, 199));
    }

    private static SourceDef catalog() {
        return SourceDef.batch("catalog", "updated_at")
                .column("product_id", BIGINT)
                .column("title", VARCHAR)
                .column("category", VARCHAR)
                .column("brand", VARCHAR)
                .column("price_usd", decimal(12, 2))
                .column("list_price_usd", decimal(12, 2))
                .column("in_stock", BOOLEAN)
                .column("seller_rating", DOUBLE)
                .column("updated_at", TIMESTAMP)
                .check(RowCheck.notNull("product_id", "category"))
                .check(RowCheck.range("price_usd", 0, 50000))
                .check(RowCheck.range("seller_rating", 0, 5))
                .check(RowCheck.expect("price_not_above_list_price",
                        r -> or(isNull(r.get("list_price_usd")), le(r.get("price_usd"), r.get("list_price_usd")))));
    }

    // ---- feature views (features/*.yaml) ----

    private static FeatureView userOrderStats(Silver s) {
        return FeatureView.over("user_order_stats", s.events("orders"), "user_id")
                .filter(e -> isTrue(eq(e.get("status"), "paid")))
                .ttl("90d")
                .feature("order_count", COUNT, null, "1h/1m", "7d/1h", "30d/1d")
                .feature("spend_usd", SUM, r -> r.get("amount_usd"), "7d/1h", "30d/1d")
                .feature("avg_order_usd", AVG, r -> toDouble(r.get("amount_usd")), "30d/1d")
                .feature("distinct_items_bought", COUNT_DISTINCT, r -> r.get("item_id"), "30d/1d")
                .feature("last_item", LAST, r -> r.get("item_id"))
                .build();
    }

    /** A placed order (an orders row version) with the buyer's users version as of its updated_at. */
    private record PlacedOrder(Event order, Map<String, Object> user) {
    }

    /**
     * {@code FROM orders AS o JOIN users FOR SYSTEM_TIME AS OF o.updated_at AS u ON o.user_id =
     * u.user_id WHERE o.status = 'placed'}: an inner join, so orders without a user version drop.
     */
    private static List<PlacedOrder> placedOrders(Silver s) {
        CdcTable users = s.table("users");
        List<PlacedOrder> placed = new ArrayList<>();
        for (Event o : s.events("orders")) {
            if (isTrue(eq(o.get("status"), "placed"))) {
                Map<String, Object> u = users.asOf(Collections.singletonList(o.get("user_id")), o.time());
                if (u != null) {
                    placed.add(new PlacedOrder(o, u));
                }
            }
        }
        return placed;
    }

    private static FeatureView userFraudSignals(List<PlacedOrder> placed) {
        List<Event> events = new ArrayList<>();
        for (PlacedOrder p : placed) {
            Event o = p.order();
            Map<String, Object> u = p.user();
            events.add(new Event(Rows.of(
                    "user_id", o.get("user_id"),
                    "item_id", o.get("item_id"),
                    "card_fingerprint", o.get("card_fingerprint"),
                    "amount_usd", o.get("amount_usd"),
                    "payment_method", o.get("payment_method"),
                    "country_mismatch", caseWhen(ne(o.get("shipping_country"), u.get("country")), 1L, 0L),
                    "unverified", caseWhen((Boolean) coalesce(u.get("is_verified"), false), 0L, 1L),
                    "account_age_hours", timestampDiff(HOURS, u.get("signup_at"), o.get("updated_at"))),
                    o.time(), o.arrival()));
        }
        return FeatureView.over("user_fraud_signals", events, "user_id")
                .ttl("7d")
                .feature("order_velocity", COUNT, null, "15m/5m", "1h/5m", "24h/5m")
                .feature("distinct_items_ordered", COUNT_DISTINCT, r -> r.get("item_id"), "1h/5m")
                .feature("distinct_cards", COUNT_DISTINCT, r -> r.get("card_fingerprint"), "1h/5m", "24h/5m")
                .feature("max_order_usd", MAX, r -> r.get("amount_usd"), "1h/5m", "24h/5m")
                .feature("gift_card_orders", SUM, r -> caseWhen(eq(r.get("payment_method"), "gift_card"), 1L, 0L), "24h/5m")
                .feature("country_mismatch_orders", SUM, r -> r.get("country_mismatch"), "24h/5m")
                .feature("unverified_orders", SUM, r -> r.get("unverified"), "24h/5m")
                .feature("account_age_hours", LAST, r -> r.get("account_age_hours"))
                .build();
    }

    private static FeatureView userClickStats(Silver s) {
        return FeatureView.over("user_click_stats", s.events("clicks"), "user_id")
                .ttl("30d")
                .feature("click_count", COUNT, null, "15m/1m", "1h/1m", "24h/1m", "7d/1h")
                .feature("distinct_items_clicked", COUNT_DISTINCT, r -> r.get("item_id"), "1h/1m", "24h/1m")
                .feature("cart_clicks", SUM, r -> caseWhen(in(r.get("page"), "cart", "checkout"), 1L, 0L), "24h/1m")
                .feature("search_click_share", AVG,
                        r -> toDouble(caseWhen(likePrefix(r.get("page"), "search"), 1L, 0L)), "24h/1m")
                .feature("mobile_click_share", AVG,
                        r -> toDouble(caseWhen(in(r.get("device"), "ios", "android"), 1L, 0L)), "7d/1h")
                .feature("best_slot", MIN, r -> r.get("slot"), "24h/1m")
                .feature("last_session", LAST, r -> r.get("session_id"))
                .build();
    }

    private static FeatureView userItemInteractions(Silver s) {
        return FeatureView.over("user_item_interactions", s.events("clicks"), "user_id", "item_id")
                .ttl("30d")
                .feature("user_item_clicks", COUNT, null, "1h/1m", "24h/1m", "7d/1h", "30d/1d")
                .feature("pdp_views", SUM, r -> caseWhen(eq(r.get("page"), "pdp"), 1L, 0L), "7d/1h")
                .feature("last_click_page", LAST, r -> r.get("page"))
                .build();
    }

    private static FeatureView userItemPurchases(Silver s) {
        return FeatureView.over("user_item_purchases", s.events("orders"), "user_id", "item_id")
                .filter(e -> isTrue(and(eq(e.get("status"), "paid"), isNotNull(e.get("item_id")))))
                .ttl("180d")
                .feature("purchases", COUNT, null, "30d/1d", "180d/1d")
                .feature("last_purchase_usd", LAST, r -> r.get("amount_usd"))
                .build();
    }

    private static FeatureView itemCatalogAttrs(Silver s) {
        return FeatureView.over("item_catalog_attrs", s.events("catalog"), "product_id")
                .feature("price_usd", LAST, r -> r.get("price_usd"))
                .feature("category", LAST, r -> lower(r.get("category")))
                .feature("brand", LAST, r -> r.get("brand"))
                .feature("in_stock", LAST, r -> r.get("in_stock"))
                .feature("seller_rating", LAST, r -> r.get("seller_rating"))
                // 100.0 and 1.0 are DECIMAL literals; against a DOUBLE operand the arithmetic is DOUBLE.
                .feature("discount_pct", LAST, r -> caseWhen(gt(r.get("list_price_usd"), 0L),
                        times(100.0, minus(1.0, divide(toDouble(r.get("price_usd")), toDouble(r.get("list_price_usd"))))),
                        null))
                .feature("price_low_usd", MIN, r -> r.get("price_usd"), "7d/1d", "30d/1d")
                .feature("price_high_usd", MAX, r -> r.get("price_usd"), "30d/1d")
                .build();
    }

    /** Clicks and impressions stacked (UNION ALL) into one stream tagged is_click / is_impression. */
    private static FeatureView itemClickStats(Silver s) {
        List<Event> events = new ArrayList<>();
        for (Event c : s.events("clicks")) {
            events.add(new Event(Rows.of("item_id", c.get("item_id"), "user_id", c.get("user_id"),
                    "is_click", 1L, "is_impression", 0L), c.time(), c.arrival()));
        }
        for (Event i : s.events("impressions")) {
            events.add(new Event(Rows.of("item_id", i.get("item_id"), "user_id", i.get("user_id"),
                    "is_click", 0L, "is_impression", 1L), i.time(), i.arrival()));
        }
        return FeatureView.over("item_click_stats", events, "item_id")
                .ttl("7d")
                .feature("item_clicks", SUM, r -> r.get("is_click"), "1h/1m", "24h/1m", "7d/1h")
                .feature("item_impressions", SUM, r -> r.get("is_impression"), "1h/1m", "24h/1m", "7d/1h")
                .feature("item_click_share", AVG, r -> toDouble(r.get("is_click")), "1h/1m", "24h/1m")
                .feature("unique_viewers", COUNT_DISTINCT,
                        r -> caseWhen(eq(r.get("is_impression"), 1L), r.get("user_id"), null), "24h/1m")
                .build();
    }

    /** Clicks joined to the clicking user's users version as of the click (inner join). */
    private static FeatureView itemClickRisk(Silver s) {
        CdcTable users = s.table("users");
        List<Event> events = new ArrayList<>();
        for (Event c : s.events("clicks")) {
            Map<String, Object> u = users.asOf(Collections.singletonList(c.get("user_id")), c.time());
            if (u != null) {
                events.add(new Event(Rows.of(
                        "item_id", c.get("item_id"),
                        "user_id", c.get("user_id"),
                        "from_new_account", toDouble(caseWhen(lt(timestampDiff(HOURS, u.get("signup_at"), c.get("ts")), 24L), 1L, 0L)),
                        "from_unverified", toDouble(caseWhen((Boolean) u.get("is_verified"), 0L, 1L)),
                        "at_night", toDouble(caseWhen(lt(hour(c.get("ts")), 6L), 1L, 0L))),
                        c.time(), c.arrival()));
            }
        }
        return FeatureView.over("item_click_risk", events, "item_id")
                .ttl("3d")
                .feature("new_account_click_share", AVG, r -> r.get("from_new_account"), "1h/1m", "24h/1m")
                .feature("unverified_click_share", AVG, r -> r.get("from_unverified"), "24h/1m")
                .feature("night_click_share", AVG, r -> r.get("at_night"), "24h/1m")
                .feature("distinct_clickers", COUNT_DISTINCT, r -> r.get("user_id"), "1h/1m", "24h/1m")
                .build();
    }

    // ---- datasets (datasets/*.yaml) ----

    @Override
    public Map<String, Dataset> datasets(Silver s) {
        FeatureView userOrderStats = userOrderStats(s);
        FeatureView userClickStats = userClickStats(s);
        FeatureView itemCatalogAttrs = itemCatalogAttrs(s);
        FeatureView itemClickRisk = itemClickRisk(s);
        List<PlacedOrder> placed = placedOrders(s);
        List<String> user = List.of("user_id");
        List<String> item = List.of("item_id");
        List<String> userItem = List.of("user_id", "item_id");

        Dataset ranking = new Dataset(s.events("impressions"), "ts", userItem,
                List.of("impression_id", "surface", "slot", "model_version"))
                .features(userOrderStats, user)
                .features(userClickStats, user, "click_count_1h", "click_count_24h", "distinct_items_clicked_24h",
                        "cart_clicks_24h", "mobile_click_share_7d")
                .features(itemClickStats(s), item)
                .features(itemCatalogAttrs, item)
                .features(itemClickRisk, item, "new_account_click_share_24h")
                .features(userItemInteractions(s), userItem)
                .features(userItemPurchases(s), userItem, "purchases_180d")
                .label(new Label("clicked_1h", s.events("clicks"), Map.of("impression_id", "impression_id"), EXISTS, null, "1h"))
                .label(new Label("revisits_24h", s.events("clicks"), Map.of("user_id", "user_id", "item_id", "item_id"),
                        COUNT, null, "24h"))
                .label(new Label("purchased_7d", s.events("orders"), Map.of("user_id", "user_id", "item_id", "item_id"),
                        EXISTS, null, "7d"))
                .label(new Label("revenue_7d_usd", s.events("orders"), Map.of("user_id", "user_id", "item_id", "item_id"),
                        SUM, r -> caseWhen(eq(r.get("status"), "paid"), r.get("amount_usd"), null), "7d"));

        Dataset fraud = new Dataset(fraudSpine(placed), "placed_at", userItem,
                List.of("order_id", "amount_usd", "payment_method", "user_country"))
                .features(userFraudSignals(placed), user)
                .features(userOrderStats, user, "order_count_30d", "spend_usd_30d")
                .features(userClickStats, user, "click_count_1h")
                .features(itemClickRisk, item)
                .features(itemCatalogAttrs, item, "price_usd", "category")
                .label(new Label("cancelled_3d", s.events("orders"), Map.of("order_id", "order_id"),
                        LAST, r -> caseWhen(eq(r.get("status"), "cancelled"), 1L, 0L), "3d"))
                .label(new Label("refunded_30d", s.events("orders"), Map.of("order_id", "order_id"),
                        LAST, r -> caseWhen(eq(r.get("status"), "refunded"), 1L, 0L), "30d"))
                .label(new Label("account_suspended_30d", s.events("users"), Map.of("user_id", "user_id"),
                        LAST, r -> caseWhen(eq(r.get("account_status"), "suspended"), 1L, 0L), "30d"));

        return Map.of("ranking_training", ranking, "fraud_training", fraud);
    }

    /** The fraud_training spine query: the placed-order join, selecting the spine's columns. */
    private static List<Event> fraudSpine(List<PlacedOrder> placed) {
        List<Event> spine = new ArrayList<>();
        for (PlacedOrder p : placed) {
            Event o = p.order();
            spine.add(new Event(Rows.of(
                    "order_id", o.get("order_id"),
                    "user_id", o.get("user_id"),
                    "item_id", o.get("item_id"),
                    "amount_usd", o.get("amount_usd"),
                    "payment_method", o.get("payment_method"),
                    "user_country", p.user().get("country"),
                    "placed_at", o.get("updated_at")),
                    o.time(), o.arrival()));
        }
        return spine;
    }
}
