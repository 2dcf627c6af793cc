package dev.fsc.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fsc.compiler.model.Source;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Key domains found from the specs, and what they mean in the data: joins match, a few keys are hot. */
class KeyDomainsTest {
    private static final GeneratorOptions DEFAULTS = new GeneratorOptions(LocalDate.of(2026, 10, 1), 3, 2000, 42);

    private static KeyDomains domains(GeneratedExamples generated) {
        Set<String> bound = new TreeSet<>();
        generated.model.sources().forEach(s -> bound.add(s.name()));
        return KeyDomains.build(generated.model, bound, DEFAULTS);
    }

    @Test
    void marketplaceDomainsFollowEntityKeysJoinsAndNames() {
        KeyDomains domains = domains(GeneratedExamples.of("marketplace"));
        KeyDomain user = domains.of("users", "user_id").orElseThrow();
        assertEquals("user_id", user.name());
        assertEquals(List.of("clicks.user_id", "impressions.user_id", "orders.user_id", "users.user_id"), user.members());
        KeyDomain item = domains.of("catalog", "product_id").orElseThrow();
        assertEquals("item_id", item.name(), "item_catalog_attrs binds item_id to catalog.product_id");
        assertTrue(item.members().containsAll(List.of("clicks.item_id", "impressions.item_id", "orders.item_id")));
        assertTrue(domains.isCdcKey("users", "user_id"));
        assertTrue(domains.isDimension(GeneratedExamples.of("marketplace").source("users")));
        assertTrue(!domains.isDimension(GeneratedExamples.of("marketplace").source("orders")), "orders is a log of facts");
        assertTrue(domains.isFreshOwner("impressions", "impression_id"), "unique: [impression_id]");
        assertTrue(domains.of("clicks", "impression_id").orElseThrow().freshOwned(), "clicks refer to impressions");
        assertTrue(domains.of("orders", "status").isEmpty(), "status is not a key");
        assertTrue(domains.of("clicks", "event_id").orElseThrow() == domains.of("impressions", "event_id").orElseThrow());
        KeyDomain country = domains.of("users", "country").orElseThrow();
        assertTrue(country == domains.of("orders", "shipping_country").orElseThrow(), "user_fraud_signals compares them");
        assertEquals("US", country.value(0), "ISO codes, as users' expect check wants");
    }

    @Test
    void dispatchDomainsFollowJoinConditionsAndNameSuffixes() {
        KeyDomains domains = domains(GeneratedExamples.of("dispatch"));
        KeyDomain provider = domains.of("providers", "id").orElseThrow();
        assertEquals("provider_id", provider.name());
        assertEquals(List.of("dispatch_events.provider_id", "gps_pings.provider_id", "providers.id"), provider.members());
        KeyDomain region = domains.of("weather", "region_id").orElseThrow();
        assertEquals(KeyDomain.Kind.STRING, region.kind());
        assertTrue(region.members().containsAll(List.of("dispatch_events.region_id", "gps_pings.region_id",
                "providers.home_region_id", "traffic.region_id")), region.members().toString());
        assertTrue(domains.of("dispatch_events", "job_id").isPresent());
        KeyDomain vehicle = domains.of("providers", "vehicle_type").orElseThrow();
        assertTrue(vehicle == domains.of("dispatch_events", "required_vehicle").orElseThrow(),
                "provider_matching compares p.vehicle_type = e.required_vehicle");
        assertEquals("flatbed", vehicle.value(0), "with the accepted values of vehicle_type");
    }

    private static Set<String> values(GeneratedExamples generated, String source, String column) {
        Set<String> values = new HashSet<>();
        boolean cdc = generated.source(source).spec().type().value() == dev.fsc.compiler.spec.SourceSpec.SourceType.CDC;
        for (JsonNode line : generated.lines(source)) {
            JsonNode row = cdc ? (line.get("after").isNull() ? line.get("before") : line.get("after")) : line;
            if (!row.get(column).isNull()) {
                values.add(row.get(column).toString());
            }
        }
        return values;
    }

    private static void assertSubset(Set<String> part, Set<String> whole, String what) {
        Set<String> missing = new TreeSet<>(part);
        missing.removeAll(whole);
        assertTrue(missing.isEmpty(), what + ": " + missing.size() + " values not found, e.g. " + missing.stream().limit(3).toList());
        assertTrue(!part.isEmpty(), what + ": no values");
    }

    @Test
    void marketplaceKeysJoin() {
        GeneratedExamples m = GeneratedExamples.of("marketplace");
        Set<String> users = values(m, "users", "user_id");
        assertSubset(values(m, "clicks", "user_id"), users, "clicks.user_id in users");
        assertSubset(values(m, "impressions", "user_id"), users, "impressions.user_id in users");
        assertSubset(values(m, "orders", "user_id"), users, "orders.user_id in users");
        assertSubset(values(m, "clicks", "impression_id"), values(m, "impressions", "impression_id"), "clicks.impression_id in impressions");
        Set<String> products = values(m, "catalog", "product_id");
        Set<String> clicked = values(m, "clicks", "item_id");
        Set<String> shared = new HashSet<>(clicked);
        shared.retainAll(products);
        assertTrue(shared.size() > clicked.size() / 2, "most clicked items are in the catalog: " + shared.size() + " of " + clicked.size());
        Set<String> ordered = values(m, "orders", "item_id");
        ordered.retainAll(clicked);
        assertTrue(ordered.size() > 50, "ordered items were also clicked");
    }

    @Test
    void dispatchKeysJoin() {
        GeneratedExamples d = GeneratedExamples.of("dispatch");
        Set<String> providers = values(d, "providers", "id");
        assertSubset(values(d, "gps_pings", "provider_id"), providers, "gps_pings.provider_id in providers");
        assertSubset(values(d, "dispatch_events", "provider_id"), providers, "dispatch_events.provider_id in providers");
        Set<String> regions = values(d, "dispatch_events", "region_id");
        for (String other : List.of("traffic", "weather", "gps_pings")) {
            Set<String> shared = new HashSet<>(values(d, other, "region_id"));
            shared.retainAll(regions);
            assertTrue(shared.size() > 20, other + " shares regions with dispatch_events: " + shared.size());
        }
    }

    @Test
    void clicksReferToUsersThatExistAtTheTime() {
        GeneratedExamples m = GeneratedExamples.of("marketplace");
        Map<String, long[]> lifetimes = new HashMap<>();
        for (JsonNode event : m.lines("users")) {
            String op = event.get("op").asString();
            JsonNode image = op.equals("d") ? event.get("before") : event.get("after");
            long[] life = lifetimes.computeIfAbsent(image.get("user_id").toString(), k -> new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
            if (op.equals("r") || op.equals("c")) {
                life[0] = image.get("updated_at").longValue();
            } else if (op.equals("d")) {
                life[1] = event.get("source").get("ts_ms").longValue();
            }
        }
        long dead = 0;
        List<JsonNode> clicks = m.lines("clicks");
        for (JsonNode click : clicks) {
            long[] life = lifetimes.get(click.get("user_id").toString());
            long t = ValueAssertions.epochMillis(click.get("ts"));
            dead += t >= life[0] && t < life[1] ? 0 : 1;
        }
        assertTrue(dead < clicks.size() / 100, dead + " clicks by users not (yet or any more) in users");
    }

    @Test
    void aFewKeysAreHot() {
        GeneratedExamples m = GeneratedExamples.of("marketplace");
        Map<String, Integer> perUser = new HashMap<>();
        List<JsonNode> clicks = m.lines("clicks");
        clicks.forEach(c -> perUser.merge(c.get("user_id").toString(), 1, Integer::sum));
        List<Integer> counts = new ArrayList<>(perUser.values());
        counts.sort(java.util.Comparator.reverseOrder());
        int top = counts.stream().limit(Math.max(1, counts.size() / 10)).mapToInt(Integer::intValue).sum();
        assertTrue(top > clicks.size() * 0.3, "top 10% of users make over 30% of clicks: " + top + " of " + clicks.size());
        assertTrue(counts.size() > 100, "and many users click: " + counts.size());
    }

    @Test
    void integerDomainsDoNotOverlap() {
        GeneratedExamples m = GeneratedExamples.of("marketplace");
        Set<String> users = values(m, "users", "user_id");
        Set<String> items = values(m, "catalog", "product_id");
        Set<String> orders = values(m, "orders", "order_id");
        assertTrue(users.stream().noneMatch(items::contains) && orders.stream().noneMatch(users::contains),
                "a join on the wrong key finds nothing");
    }

    @Test
    void unusedSourceStillParses() {
        for (Source source : GeneratedExamples.of("dispatch").model.sources()) {
            assertTrue(!ColumnRule.of(source, GeneratedExamples.EVENTS_PER_DAY).isEmpty());
        }
    }
}
