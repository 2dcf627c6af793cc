package dev.fsc.e2e.oracle;

import static dev.fsc.e2e.oracle.TestProject.change;
import static dev.fsc.e2e.oracle.TestProject.ms;
import static dev.fsc.e2e.oracle.TestProject.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracle on tiny hand-written inputs whose expected values are worked out by hand, boundaries first. */
class OracleTest {
    private static final String[] MARKETPLACE_SOURCES = {"orders", "users", "clicks", "impressions", "catalog"};
    private static final String[] DISPATCH_SOURCES = {"dispatch_events", "gps_pings", "providers", "traffic", "weather"};

    @TempDir
    Path dir;

    // ---- ranking_training: windows, dedup, lateness, labels, maturity ----

    private static Map<String, Object> click(String eventId, long user, long item, String impressionId, String ts) {
        return row("event_id", eventId, "user_id", user, "item_id", item, "impression_id", impressionId,
                "session_id", "s-" + user, "page", "pdp", "slot", 3L, "device", "web", "ts", ts + "Z");
    }

    private static Map<String, Object> lateClick(String eventId, long user, long item, String ts, String arrival) {
        Map<String, Object> c = click(eventId, user, item, null, ts);
        c.put("_arrival_time", arrival + "+00:00");
        return c;
    }

    private static Map<String, Object> impression(String id, long user, long item, String ts) {
        return row("event_id", "ev-" + id, "impression_id", id, "request_id", null, "user_id", user, "item_id", item,
                "surface", "search", "slot", 0L, "model_version", "m1", "ts", ts);
    }

    private static Map<String, Object> order(long orderId, long user, Long item, String status, String amount, String at) {
        return row("order_id", orderId, "user_id", user, "item_id", item, "quantity", 1L, "amount_usd", amount,
                "status", status, "payment_method", "card", "card_fingerprint", null, "shipping_country", "FR",
                "created_at", null, "updated_at", ms(at));
    }

    private static Map<String, Object> created(Map<String, Object> after) {
        long at = (Long) after.get("updated_at");
        return change("c", null, after, at, at, at);
    }

    private Map<String, Map<String, Object>> rankingRows() {
        TestProject p = TestProject.create(dir, "novamind", MARKETPLACE_SOURCES)
                // imp-1 at 12:00:30.000: the 1h window (1m tiles) starts at floor(11:00:30) = 11:00:00.000.
                .add("impressions", impression("imp-1", 1, 10, "2026-10-01T12:00:30.000Z"))
                .add("impressions", row("event_id", "ev-imp-1", "impression_id", "imp-1", "request_id", null,
                        "user_id", 1L, "item_id", 10L, "surface", "search", "slot", 0L, "model_version", "m1",
                        "ts", "2026-10-01T12:00:30.000Z", "_arrival_time", "2026-10-01T12:01:30Z")) // a duplicate copy
                .add("clicks", click("c-at-t", 1, 11, null, "2026-10-01T12:00:30.000"))
                .add("clicks", click("c-at-window-start", 1, 11, null, "2026-10-01T11:00:00.000"))
                .add("clicks", click("c-before-window", 1, 11, null, "2026-10-01T10:59:59.999"))
                .add("clicks", click("c-after-t", 1, 11, null, "2026-10-01T12:00:30.001"))
                // dedup of clicks (within 24h) and lateness (10m), for user 2 / item 20
                .add("clicks", click("c-dup", 2, 20, null, "2026-10-01T10:00:00.000"))
                .add("clicks", click("c-dup", 2, 20, null, "2026-10-02T10:00:00.000"))   // exactly 24h later: duplicate
                .add("clicks", click("c-dup", 2, 20, null, "2026-10-02T10:00:00.001"))   // more than 24h: kept
                .add("clicks", lateClick("c-on-time", 2, 20, "2026-10-02T09:00:00.000", "2026-10-02T09:10:00.000"))
                .add("clicks", lateClick("c-late", 2, 20, "2026-10-02T09:00:00.000", "2026-10-02T09:10:00.001"))
                .add("impressions", impression("imp-2", 2, 20, "2026-10-02T12:00:00.000Z"))
                // labels: exactly at t is not ahead, exactly at t + horizon is
                .add("impressions", impression("imp-3", 3, 30, "2026-10-01T18:00:00.000Z"))
                .add("clicks", click("c-31", 3, 30, "imp-3", "2026-10-01T18:00:00.000"))
                .add("clicks", click("c-32", 3, 30, "imp-3", "2026-10-01T19:00:00.000"))
                .add("impressions", impression("imp-4", 4, 40, "2026-10-01T18:00:00.000Z"))
                .add("clicks", click("c-41", 4, 40, "imp-4", "2026-10-01T18:00:00.000"))
                .add("clicks", click("c-42", 4, 40, "imp-4", "2026-10-01T19:00:00.001"))
                .add("orders", created(order(100, 3, 30L, "placed", "5.00", "2026-10-01T18:00:00")))
                .add("orders", created(order(101, 3, 30L, "paid", "12.5", "2026-10-08T18:00:00")))
                .add("orders", created(order(102, 4, 40L, "paid", "9.99", "2026-10-08T18:00:00.001")))
                // maturity over days 10-01..10-09 with the 7d horizon: t + 7d <= 10-10T00:00
                .add("impressions", impression("imp-5", 5, 50, "2026-10-03T00:00:00.000Z"))
                .add("impressions", impression("imp-6", 6, 60, "2026-10-03T00:00:00.001Z"));
        List<Map<String, Object>> rows = p.load("2026-10-01", "2026-10-09").dataset("ranking_training");
        return rows.stream().collect(Collectors.toMap(r -> (String) r.get("impression_id"), r -> r));
    }

    @Test
    void windowIncludesAnEventAtTAndAtItsTileAlignedStartOnly() {
        Map<String, Object> r = rankingRows().get("imp-1");
        assertEquals(2L, r.get("click_count_1h"));
        assertEquals(3L, r.get("click_count_24h"));
        assertEquals(1L, r.get("distinct_items_clicked_24h"));
        assertEquals(0L, r.get("cart_clicks_24h"));
        assertEquals(0.0, r.get("mobile_click_share_7d"));
        // the spine impression is itself an event of item_click_stats
        assertEquals(1L, r.get("item_impressions_1h"));
        assertEquals(0.0, r.get("item_click_share_1h"));
        // no event of the key at all: the ttl makes every feature NULL, counts too
        assertNull(r.get("order_count_1h"));
        assertNull(r.get("user_item_clicks_1h"));
        assertEquals(LocalDateTime.parse("2026-10-01T12:00:30"), r.get("ts"));
        assertEquals(0L, r.get("slot"));
    }

    @Test
    void dedupKeepsACopyOnlyBeyondWithinAndLateRoutingKeepsExactlyLateness() {
        Map<String, Object> r = rankingRows().get("imp-2");
        // kept: c-dup (first), c-dup 24h + 1ms later, c-on-time; dropped: the copy at exactly 24h, c-late
        assertEquals(3L, r.get("user_item_clicks_7d"));
        assertEquals(2L, r.get("user_item_clicks_24h"));
        assertEquals("pdp", r.get("last_click_page"));
    }

    @Test
    void labelsLookForwardFromJustAfterTUpToTPlusHorizon() {
        Map<String, Map<String, Object>> rows = rankingRows();
        Map<String, Object> hit = rows.get("imp-3");
        assertEquals(true, hit.get("clicked_1h"));
        assertEquals(1L, hit.get("revisits_24h"));
        assertEquals(true, hit.get("purchased_7d"));
        assertEquals(new BigDecimal("12.50"), hit.get("revenue_7d_usd"));
        assertEquals(1L, hit.get("user_item_clicks_1h"));
        Map<String, Object> miss = rows.get("imp-4");
        assertEquals(false, miss.get("clicked_1h"));
        assertEquals(1L, miss.get("revisits_24h"));
        assertEquals(false, miss.get("purchased_7d"));
        assertNull(miss.get("revenue_7d_usd"));
    }

    @Test
    void datasetHoldsOneRowPerMatureSpineRowWithColumnsInOrder() {
        Map<String, Map<String, Object>> rows = rankingRows();
        assertEquals(List.of("imp-1", "imp-2", "imp-3", "imp-4", "imp-5"), rows.keySet().stream().sorted().toList());
        List<String> columns = List.copyOf(rows.get("imp-5").keySet());
        assertEquals(List.of("ts", "user_id", "item_id", "impression_id", "surface", "slot", "model_version", "order_count_1h"),
                columns.subList(0, 8));
        assertEquals(List.of("purchases_180d", "clicked_1h", "revisits_24h", "purchased_7d", "revenue_7d_usd"),
                columns.subList(columns.size() - 5, columns.size()));
        assertEquals(50, columns.size());  // as fsc explain ranking_training lists them
    }

    // ---- fraud_training: spine query with FOR SYSTEM_TIME AS OF, CDC versions, last labels ----

    private static Map<String, Object> user(long id, String country, String status, String updatedAt) {
        return row("user_id", id, "email", "u@example.com", "phone", "+1555", "date_of_birth", 9000L,
                "country", country, "account_status", status, "is_verified", null,
                "signup_at", ms("2026-09-30T12:30:00.001"), "updated_at", ms(updatedAt));
    }

    private static Map<String, Object> snapshot(Map<String, Object> after) {
        long capture = ms("2026-10-01T00:00:00");
        return change("r", null, after, capture, (Long) after.get("user_id"), capture);
    }

    @Test
    void fraudSpineJoinsTheUserVersionAsOfPlacementAndDropsOrdersWithoutOne() {
        String t = "2026-10-01T12:00:00";
        long tMs = ms(t);
        TestProject p = TestProject.create(dir, "novamind", MARKETPLACE_SOURCES)
                // user 5 is deleted exactly at t: no version as of t, the order's row drops
                .add("users", snapshot(user(5, "DE", "active", "2026-09-30T12:30:00.001")))
                .add("users", change("d", user(5, "DE", "active", "2026-09-30T12:30:00.001"), null, tMs, 500, tMs))
                .add("orders", created(order(200, 5, 50L, "placed", "1.00", t)))
                // user 6 changes country exactly at t: the new version is valid from t
                .add("users", snapshot(user(6, "DE", "active", "2026-09-30T12:30:00.001")))
                .add("users", change("u", null, user(6, "FR", "active", t), tMs, 600, tMs))
                .add("orders", created(order(201, 6, 60L, "placed", "20.00", t)))
                // user 8 is suspended 9 days later; order 202 (no item) is cancelled exactly 3 days later
                .add("users", snapshot(user(8, "NL", "active", "2026-09-30T12:30:00.001")))
                .add("users", change("u", null, user(8, "NL", "suspended", "2026-10-10T00:00:00"), ms("2026-10-10T00:00:00"), 800, ms("2026-10-10T00:00:00")))
                .add("orders", created(order(202, 8, null, "placed", "3.00", t)))
                .add("orders", change("u", null, order(202, 8, null, "cancelled", "3.00", "2026-10-04T12:00:00"),
                        ms("2026-10-04T12:00:00"), 2021, ms("2026-10-04T12:00:00")))
                // user 9 was created (op c, not a snapshot row) before the first day: the runs never read it
                .add("users", change("c", null, user(9, "FR", "active", "2026-09-30T13:00:00"), ms("2026-09-30T13:00:00"), 900, ms("2026-09-30T13:00:00")))
                .add("orders", created(order(203, 9, 90L, "placed", "4.00", t)));
        Map<Object, Map<String, Object>> rows = p.load("2026-10-01", "2026-10-31").dataset("fraud_training").stream()
                .collect(Collectors.toMap(r -> r.get("order_id"), r -> r));
        assertEquals(List.of(201L, 202L), rows.keySet().stream().map(Long.class::cast).sorted().toList());

        Map<String, Object> o201 = rows.get(201L);
        assertEquals("FR", o201.get("user_country"));
        assertEquals(0L, o201.get("country_mismatch_orders_24h"));
        assertEquals(1L, o201.get("unverified_orders_24h"));        // is_verified NULL → COALESCE(.., FALSE)
        assertEquals(23L, o201.get("account_age_hours"));           // 23h 29m 59.999s, truncated
        assertEquals(1L, o201.get("order_velocity_15m"));
        assertEquals(0L, o201.get("distinct_cards_1h"));            // card NULL
        assertEquals(new BigDecimal("20.00"), o201.get("max_order_usd_1h"));
        assertEquals(LocalDateTime.parse(t), o201.get("placed_at"));
        assertNull(o201.get("cancelled_3d"));                       // no later version: NULL
        assertNull(o201.get("account_suspended_30d"));

        Map<String, Object> o202 = rows.get(202L);
        assertNull(o202.get("item_id"));
        assertNull(o202.get("distinct_clickers_24h"));              // NULL key: NULL features, counts too
        assertEquals(1L, o202.get("cancelled_3d"));
        assertEquals(0L, o202.get("refunded_30d"));
        assertEquals(1L, o202.get("account_suspended_30d"));
        assertEquals(1L, o202.get("order_velocity_24h"));
    }

    // ---- eta_training: ttl boundary, TIMESTAMPDIFF, quarantine, CDC features ----

    private static Map<String, Object> dispatchEvent(String id, long job, String type, String region, String assignedAt,
            Long quotedEta, String ts) {
        return row("event_id", id, "job_id", job, "event_type", type, "region_id", region, "provider_id", 7L,
                "service_type", "tow", "required_vehicle", "flatbed", "customer_lat", 1.5, "customer_lon", -2.25,
                "quoted_eta_minutes", quotedEta, "caller_phone", "+1555", "cancel_reason", null,
                "requested_at", "2026-10-02T11:50:00.000Z", "assigned_at", assignedAt, "event_ts", ts);
    }

    private static Map<String, Object> weather(String region, String type, double temperature, String at) {
        return row("region_id", region, "observed_at", at, "temperature_c", temperature, "precipitation_mm", 0.5,
                "weather_type", type);
    }

    @Test
    void etaRowsHonourTheTtlBoundaryAndTruncateTimestampDiff() {
        String t = "2026-10-02T12:00:00.000Z";
        long snapshot = ms("2026-10-01T00:00:00");
        TestProject p = TestProject.create(dir, "rescuenet", DISPATCH_SOURCES)
                .add("providers", change("r", null, row("id", 7L, "company_name", "Tow Co", "home_region_id", "r1",
                        "vehicle_type", "flatbed", "status", "available", "capacity", 4L, "active_jobs", 1L, "rating", 4.5,
                        "driver_phone", "+1555", "license_number", "L-7", "updated_at", ms("2026-09-01T00:00:00")),
                        snapshot, 1, snapshot))
                .add("dispatch_events", dispatchEvent("e1", 1, "requested", "r1", null, null, "2026-10-02T11:50:00.000Z"))
                .add("dispatch_events", dispatchEvent("e2", 1, "assigned", "r1", t, 30L, t))
                .add("dispatch_events", dispatchEvent("e3", 2, "assigned", "r2", t, 30L, t))
                .add("dispatch_events", dispatchEvent("e4", 1, "arrived", "r1", t, 30L, "2026-10-02T12:45:30.000Z"))
                .add("dispatch_events", dispatchEvent("e5", 2, "cancelled", "r2", t, 30L, "2026-10-02T15:00:00.000Z"))
                // quarantined: quoted_eta_minutes outside [1, 360]
                .add("dispatch_events", dispatchEvent("e6", 3, "assigned", "r1", t, 0L, t))
                // ttl 1d: an observation exactly at t − 1d keeps the view alive, 1 ms older does not
                .add("weather", weather("r1", "snow", -3.0, "2026-10-01T12:00:00.000Z"))
                .add("weather", weather("r2", "rain", 5.0, "2026-10-01T11:59:59.999Z"));
        Map<Object, Map<String, Object>> rows = p.load("2026-10-01", "2026-10-02").dataset("eta_training").stream()
                .collect(Collectors.toMap(r -> r.get("job_id"), r -> r));
        assertEquals(List.of(1L, 2L), rows.keySet().stream().map(Long.class::cast).sorted().toList());

        Map<String, Object> job1 = rows.get(1L);
        assertEquals(45L, job1.get("minutes_to_arrival"));           // 45m30s → 45
        assertEquals(0L, job1.get("cancelled_3h"));
        assertEquals(0L, job1.get("reassigned_3h"));
        assertEquals("snow", job1.get("weather_type"));
        assertEquals(1L, job1.get("freezing_hours_24h"));
        assertEquals("available", job1.get("status"));
        assertEquals(0.25, job1.get("utilisation"));
        assertEquals(1L, job1.get("in_home_region"));
        assertEquals(1L, job1.get("requests_15m"));
        assertEquals(10L, job1.get("minutes_since_request"));
        assertEquals(0L, job1.get("segments_reporting_24h"));        // no ttl: an empty window counts 0
        assertNull(job1.get("congestion_3h"));
        assertNull(job1.get("ping_count_15m"));                      // ttl, no ping at all
        assertNull(job1.get("arrival_minutes_1h"));

        Map<String, Object> job2 = rows.get(2L);
        assertNull(job2.get("weather_type"));
        assertNull(job2.get("freezing_hours_24h"));
        assertEquals(1L, job2.get("cancelled_3h"));
        assertNull(job2.get("minutes_to_arrival"));
        assertEquals(0L, job2.get("in_home_region"));
        assertEquals(30L, job2.get("quoted_eta_minutes"));
    }

    @Test
    void rejectsUnknownProjectsAndDatasets() {
        TestProject.create(dir.resolve("other"), "acme", "orders");
        assertThrows(IllegalArgumentException.class,
                () -> Oracle.load(dir.resolve("other"), LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-01")));
        Oracle oracle = TestProject.create(dir.resolve("m"), "novamind", MARKETPLACE_SOURCES).load("2026-10-01", "2026-10-01");
        assertThrows(IllegalArgumentException.class, () -> oracle.dataset("eta_training"));
    }
}
