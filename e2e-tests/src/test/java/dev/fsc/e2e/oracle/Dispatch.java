package dev.fsc.e2e.oracle;

import static dev.fsc.e2e.oracle.Agg.AVG;
import static dev.fsc.e2e.oracle.Agg.COUNT;
import static dev.fsc.e2e.oracle.Agg.COUNT_DISTINCT;
import static dev.fsc.e2e.oracle.Agg.LAST;
import static dev.fsc.e2e.oracle.Agg.MAX;
import static dev.fsc.e2e.oracle.Agg.MIN;
import static dev.fsc.e2e.oracle.Agg.SUM;
import static dev.fsc.e2e.oracle.ColumnType.BIGINT;
import static dev.fsc.e2e.oracle.ColumnType.BOOLEAN;
import static dev.fsc.e2e.oracle.ColumnType.DOUBLE;
import static dev.fsc.e2e.oracle.ColumnType.INT;
import static dev.fsc.e2e.oracle.ColumnType.TIMESTAMP;
import static dev.fsc.e2e.oracle.ColumnType.VARCHAR;
import static dev.fsc.e2e.oracle.Sql.abs;
import static dev.fsc.e2e.oracle.Sql.and;
import static dev.fsc.e2e.oracle.Sql.caseWhen;
import static dev.fsc.e2e.oracle.Sql.coalesce;
import static dev.fsc.e2e.oracle.Sql.divide;
import static dev.fsc.e2e.oracle.Sql.eq;
import static dev.fsc.e2e.oracle.Sql.ge;
import static dev.fsc.e2e.oracle.Sql.gt;
import static dev.fsc.e2e.oracle.Sql.in;
import static dev.fsc.e2e.oracle.Sql.isNotNull;
import static dev.fsc.e2e.oracle.Sql.isNull;
import static dev.fsc.e2e.oracle.Sql.isTrue;
import static dev.fsc.e2e.oracle.Sql.le;
import static dev.fsc.e2e.oracle.Sql.minus;
import static dev.fsc.e2e.oracle.Sql.ne;
import static dev.fsc.e2e.oracle.Sql.or;
import static dev.fsc.e2e.oracle.Sql.timestampDiff;
import static dev.fsc.e2e.oracle.Sql.toDouble;
import static java.time.temporal.ChronoUnit.MINUTES;

import dev.fsc.e2e.oracle.SourceDef.Pii;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The dispatch example (project {@code rescuenet}), hand-coded from specs/examples/dispatch:
 * sources, feature views and the dataset eta_training. Window tile sizes are those {@code fsc
 * explain} lists.
 */
final class Dispatch implements Example {

    @Override
    public List<SourceDef> sources() {
        return List.of(dispatchEvents(), gpsPings(), providers(), traffic(), weather());
    }

    // ---- sources (sources/*.yaml; only error-severity row checks matter here) ----

    private static SourceDef dispatchEvents() {
        return SourceDef.stream("dispatch_events", "event_ts")
                .column("event_id", VARCHAR)
                .column("job_id", BIGINT)
                .column("event_type", VARCHAR)
                .column("region_id", VARCHAR)
                .column("provider_id", BIGINT)
                .column("service_type", VARCHAR)
                .column("required_vehicle", VARCHAR)
                .column("customer_lat", DOUBLE)
                .column("customer_lon", DOUBLE)
                .column("quoted_eta_minutes", INT)
                .column("caller_phone", VARCHAR, Pii.DROP)
                .column("cancel_reason", VARCHAR)
                .column("requested_at", TIMESTAMP)
                .column("assigned_at", TIMESTAMP)
                .column("event_ts", TIMESTAMP)
                .dedup("24h", "event_id")
                .lateness("15m")
                .check(RowCheck.notNull("event_id", "job_id", "event_type", "region_id"))
                .check(RowCheck.acceptedValues("event_type",
                        "requested", "assigned", "en_route", "arrived", "completed", "cancelled"))
                // accepted_values on service_type is severity warn: it does not quarantine.
                .check(RowCheck.expect("provider_known_once_assigned",
                        r -> or(in(r.get("event_type"), "requested", "cancelled"), isNotNull(r.get("provider_id")))))
                .check(RowCheck.expect("arrival_after_assignment", r -> or(ne(r.get("event_type"), "arrived"),
                        and(isNotNull(r.get("assigned_at")), le(r.get("assigned_at"), r.get("event_ts"))))))
                .check(RowCheck.range("quoted_eta_minutes", 1, 360))
                .check(RowCheck.range("customer_lat", -90, 90))
                .check(RowCheck.range("customer_lon", -180, 180));
    }

    private static SourceDef gpsPings() {
        return SourceDef.stream("gps_pings", "ping_ts")
                .column("provider_id", BIGINT)
                .column("device_id", VARCHAR)
                .column("region_id", VARCHAR)
                .column("lat", DOUBLE)
                .column("lon", DOUBLE)
                .column("speed_kmh", DOUBLE)
                .column("heading_deg", DOUBLE)
                .column("accuracy_m", DOUBLE)
                .column("on_job", BOOLEAN)
                .column("ping_ts", TIMESTAMP)
                .dedup("10m", "provider_id", "ping_ts")
                .lateness("2m")
                .check(RowCheck.notNull("provider_id", "lat", "lon"))
                .check(RowCheck.range("lat", -90, 90))
                .check(RowCheck.range("lon", -180, 180))
                .check(RowCheck.range("speed_kmh", 0, 250));
        // range on accuracy_m is severity warn.
    }

    private static SourceDef providers() {
        return SourceDef.cdc("providers", "updated_at", "id")
                .column("id", BIGINT)
                .column("company_name", VARCHAR)
                .column("home_region_id", VARCHAR)
                .column("vehicle_type", VARCHAR)
                .column("status", VARCHAR)
                .column("capacity", INT)
                .column("active_jobs", INT)
                .column("rating", DOUBLE)
                .column("driver_phone", VARCHAR, Pii.ENCRYPT)
                .column("license_number", VARCHAR, Pii.HASH)
                .column("updated_at", TIMESTAMP)
                .check(RowCheck.notNull("id", "vehicle_type", "status"))
                .check(RowCheck.acceptedValues("vehicle_type", "flatbed", "wheel_lift", "service_van", "motorcycle"))
                .check(RowCheck.acceptedValues("status", "offline", "available", "busy", "on_break", "suspended"))
                .check(RowCheck.range("rating", 1, 5))
                .check(RowCheck.range("capacity", 0, 20));
        // expect active_jobs_within_capacity is severity warn.
    }

    private static SourceDef traffic() {
        return SourceDef.batch("traffic", "hour_start")
                .column("region_id", VARCHAR)
                .column("segment_id", VARCHAR)
                .column("hour_start", TIMESTAMP)
                .column("congestion_index", DOUBLE)
                .column("avg_speed_kmh", DOUBLE)
                .column("incident_count", INT)
                .check(RowCheck.notNull("region_id", "segment_id", "congestion_index"))
                .check(RowCheck.range("congestion_index", 0, 1))
                .check(RowCheck.range("avg_speed_kmh", 0, 200))
                .check(RowCheck.expect("incidents_not_negative",
                        r -> or(isNull(r.get("incident_count")), ge(r.get("incident_count"), 0L))));
    }

    private static SourceDef weather() {
        return SourceDef.batch("weather", "observed_at")
                .column("region_id", VARCHAR)
                .column("observed_at", TIMESTAMP)
                .column("temperature_c", DOUBLE)
                .column("precipitation_mm", DOUBLE)
                .column("weather_type", VARCHAR)
                .check(RowCheck.notNull("region_id", "observed_at"))
                .check(RowCheck.range("temperature_c", -60, 60))
                .check(RowCheck.range("precipitation_mm", 0, 300));
        // accepted_values on weather_type is severity warn.
    }

    // ---- feature views (features/*.yaml) ----

    /** TIMESTAMPDIFF(MINUTE, assigned_at, event_ts). */
    private static Long arrivalMinutes(Map<String, Object> r) {
        return timestampDiff(MINUTES, r.get("assigned_at"), r.get("event_ts"));
    }

    private static FeatureView providerEtaStats(Silver s) {
        return FeatureView.over("provider_eta_stats", s.events("dispatch_events"), "provider_id")
                .filter(e -> isTrue(and(eq(e.get("event_type"), "arrived"), isNotNull(e.get("assigned_at")))))
                .ttl("30d")
                .feature("arrival_minutes", AVG, r -> toDouble(arrivalMinutes(r)), "1h/1m", "24h/1m", "7d/1h")
                .feature("arrival_minutes_max", MAX, Dispatch::arrivalMinutes, "24h/1m")
                .feature("eta_abs_error_minutes", AVG,
                        r -> toDouble(abs(minus(arrivalMinutes(r), (Long) r.get("quoted_eta_minutes")))), "24h/1m", "7d/1h")
                .feature("late_arrival_share", AVG,
                        r -> toDouble(caseWhen(gt(arrivalMinutes(r), r.get("quoted_eta_minutes")), 1L, 0L)), "7d/1h")
                .feature("arrivals", COUNT, null, "24h/1m", "7d/1h")
                .feature("last_arrival_minutes", LAST, Dispatch::arrivalMinutes)
                .build();
    }

    private static FeatureView providerActivity(Silver s) {
        return FeatureView.over("provider_activity", s.events("gps_pings"), "provider_id")
                .ttl("1d")
                .feature("ping_count", COUNT, null, "15m/5m", "1h/5m")
                .feature("avg_speed_kmh", AVG, r -> r.get("speed_kmh"), "15m/5m", "1h/5m")
                .feature("max_speed_kmh", MAX, r -> r.get("speed_kmh"), "1h/5m")
                .feature("moving_share", AVG, r -> toDouble(caseWhen(gt(r.get("speed_kmh"), 5L), 1L, 0L)), "1h/5m")
                .feature("last_lat", LAST, r -> r.get("lat"))
                .feature("last_lon", LAST, r -> r.get("lon"))
                .feature("last_region_id", LAST, r -> r.get("region_id"))
                .feature("last_on_job", LAST, r -> r.get("on_job"))
                .build();
    }

    /** capacity > 0 → active_jobs / capacity as DOUBLE, else NULL. */
    private static Double utilisation(Map<String, Object> provider) {
        return (Double) caseWhen(gt(provider.get("capacity"), 0L),
                divide(toDouble(provider.get("active_jobs")), toDouble(provider.get("capacity"))), null);
    }

    /** Over the providers CDC source: every c/u/r row version is an event. */
    private static FeatureView providerStatus(Silver s) {
        return FeatureView.over("provider_status", s.events("providers"), "id")
                .feature("status", LAST, r -> r.get("status"))
                .feature("vehicle_type", LAST, r -> r.get("vehicle_type"))
                .feature("capacity", LAST, r -> r.get("capacity"))
                .feature("active_jobs", LAST, r -> r.get("active_jobs"))
                .feature("utilisation", LAST, Dispatch::utilisation)
                .feature("rating", LAST, r -> r.get("rating"))
                .feature("status_changes", COUNT, null, "24h/1m")
                .build();
    }

    private static FeatureView regionDemand(Silver s) {
        return FeatureView.over("region_demand", s.events("dispatch_events"), "region_id")
                .ttl("7d")
                .feature("requests", COUNT, r -> caseWhen(eq(r.get("event_type"), "requested"), r.get("job_id"), null),
                        "15m/5m", "1h/5m", "24h/5m")
                .feature("cancellations", COUNT,
                        r -> caseWhen(eq(r.get("event_type"), "cancelled"), r.get("job_id"), null), "1h/5m")
                .feature("active_providers", COUNT_DISTINCT,
                        r -> caseWhen(in(r.get("event_type"), "assigned", "en_route", "arrived"), r.get("provider_id"), null),
                        "1h/5m")
                .feature("tow_request_share", AVG, r -> caseWhen(eq(r.get("event_type"), "requested"),
                        toDouble(caseWhen(eq(r.get("service_type"), "tow"), 1L, 0L)), null), "24h/5m")
                .feature("avg_quoted_eta_minutes", AVG,
                        r -> caseWhen(eq(r.get("event_type"), "assigned"), toDouble(r.get("quoted_eta_minutes")), null),
                        "1h/5m")
                .build();
    }

    private static FeatureView trafficByRegion(Silver s) {
        return FeatureView.over("traffic_by_region", s.events("traffic"), "region_id")
                .feature("congestion", AVG, r -> r.get("congestion_index"), "3h/1h", "24h/1h", "7d/1h")
                .feature("peak_congestion", MAX, r -> r.get("congestion_index"), "24h/1h")
                .feature("slowest_segment_kmh", MIN, r -> r.get("avg_speed_kmh"), "3h/1h")
                .feature("incidents", SUM, r -> r.get("incident_count"), "3h/1h", "24h/1h")
                .feature("segments_reporting", COUNT_DISTINCT, r -> r.get("segment_id"), "24h/1h")
                .build();
    }

    private static FeatureView weatherByRegion(Silver s) {
        return FeatureView.over("weather_by_region", s.events("weather"), "region_id")
                .ttl("1d")
                .feature("precipitation_mm", SUM, r -> r.get("precipitation_mm"), "3h/1h", "24h/1h")
                .feature("min_temperature_c", MIN, r -> r.get("temperature_c"), "24h/1h")
                .feature("freezing_hours", SUM, r -> caseWhen(le(r.get("temperature_c"), 0L), 1L, 0L), "24h/1h")
                .feature("weather_type", LAST, r -> r.get("weather_type"))
                .build();
    }

    /**
     * {@code FROM dispatch_events AS e JOIN providers FOR SYSTEM_TIME AS OF e.event_ts AS p ON
     * e.provider_id = p.id WHERE e.event_type = 'assigned'} (inner join).
     */
    private static FeatureView providerMatching(Silver s) {
        CdcTable providers = s.table("providers");
        List<Event> events = new ArrayList<>();
        for (Event e : s.events("dispatch_events")) {
            if (!isTrue(eq(e.get("event_type"), "assigned"))) {
                continue;
            }
            Map<String, Object> p = providers.asOf(Collections.singletonList(e.get("provider_id")), e.time());
            if (p != null) {
                events.add(new Event(Rows.of(
                        "provider_id", e.get("provider_id"),
                        "region_id", e.get("region_id"),
                        "job_id", e.get("job_id"),
                        "vehicle_match", toDouble(caseWhen(eq(p.get("vehicle_type"), e.get("required_vehicle")), 1L, 0L)),
                        "in_home_region", caseWhen(eq(p.get("home_region_id"), e.get("region_id")), 1L, 0L),
                        "utilisation_at_assignment", utilisation(p)),
                        e.time(), e.arrival()));
            }
        }
        return FeatureView.over("provider_matching", events, "provider_id", "region_id")
                .ttl("14d")
                .feature("assignments", COUNT, null, "24h/1m", "7d/1h")
                .feature("distinct_jobs", COUNT_DISTINCT, r -> r.get("job_id"), "7d/1h")
                .feature("vehicle_match_rate", AVG, r -> r.get("vehicle_match"), "7d/1h")
                .feature("utilisation_at_assignment", AVG, r -> r.get("utilisation_at_assignment"), "24h/1m")
                .feature("in_home_region", LAST, r -> r.get("in_home_region"))
                .build();
    }

    private static FeatureView jobContext(Silver s) {
        return FeatureView.over("job_context", s.events("dispatch_events"), "job_id")
                .ttl("1d")
                .feature("assignment_count", COUNT, r -> caseWhen(eq(r.get("event_type"), "assigned"), 1L, null), "24h/1m")
                .feature("minutes_since_request", LAST,
                        r -> timestampDiff(MINUTES, r.get("requested_at"), r.get("event_ts")))
                .feature("service_type", LAST, r -> r.get("service_type"))
                .feature("required_vehicle", LAST, r -> coalesce(r.get("required_vehicle"), "any"))
                .build();
    }

    // ---- dataset (datasets/eta_training.yaml) ----

    @Override
    public Map<String, Dataset> datasets(Silver s) {
        List<String> provider = List.of("provider_id");
        List<String> region = List.of("region_id");
        List<Event> events = s.events("dispatch_events");
        Dataset eta = new Dataset(etaSpine(events), "assigned_ts", List.of("provider_id", "region_id", "job_id"),
                List.of("service_type", "required_vehicle", "quoted_eta_minutes"))
                .features(providerEtaStats(s), provider)
                .features(providerActivity(s), provider)
                .features(providerStatus(s), provider)
                .features(regionDemand(s), region, "requests_15m", "requests_1h", "active_providers_1h")
                .features(trafficByRegion(s), region)
                .features(weatherByRegion(s), region)
                .features(providerMatching(s), List.of("provider_id", "region_id"))
                .features(jobContext(s), List.of("job_id"), "assignment_count_24h", "minutes_since_request")
                .label(new Label("minutes_to_arrival", events, Map.of("job_id", "job_id"),
                        SUM, r -> caseWhen(eq(r.get("event_type"), "arrived"), arrivalMinutes(r), null), "3h"))
                .label(new Label("cancelled_3h", events, Map.of("job_id", "job_id"),
                        LAST, r -> caseWhen(eq(r.get("event_type"), "cancelled"), 1L, 0L), "3h"))
                .label(new Label("reassigned_3h", events, Map.of("job_id", "job_id"),
                        COUNT, r -> caseWhen(eq(r.get("event_type"), "assigned"), 1L, null), "3h"));
        return Map.of("eta_training", eta);
    }

    /**
     * {@code SELECT job_id, provider_id, region_id, service_type, required_vehicle,
     * quoted_eta_minutes, event_ts AS assigned_ts FROM dispatch_events WHERE event_type =
     * 'assigned' AND provider_id IS NOT NULL}.
     */
    private static List<Event> etaSpine(List<Event> events) {
        List<Event> spine = new ArrayList<>();
        for (Event e : events) {
            if (isTrue(and(eq(e.get("event_type"), "assigned"), isNotNull(e.get("provider_id"))))) {
                spine.add(new Event(Rows.of(
                        "job_id", e.get("job_id"),
                        "provider_id", e.get("provider_id"),
                        "region_id", e.get("region_id"),
                        "service_type", e.get("service_type"),
                        "required_vehicle", e.get("required_vehicle"),
                        "quoted_eta_minutes", e.get("quoted_eta_minutes"),
                        "assigned_ts", e.get("event_ts")),
                        e.time(), e.arrival()));
            }
        }
        return spine;
    }
}
