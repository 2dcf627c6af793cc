package dev.fsc.compiler.codegen.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConnectorNameTest {
    @Test
    void aProjectOwnsExactlyItsOwnConnectors() {
        assertEquals("fsc-shop-orders", ConnectorName.of("shop", "orders"));
        assertTrue(ConnectorName.belongsTo("fsc-shop-orders", "shop"));
        assertFalse(ConnectorName.belongsTo("fsc-shop_eu-orders", "shop"), "another project whose name starts alike");
        assertFalse(ConnectorName.belongsTo("fsc-shop-eu-orders", "shop"), "not a source name");
        assertFalse(ConnectorName.belongsTo("fsc-shop-", "shop"));
        assertFalse(ConnectorName.belongsTo("debezium-orders", "shop"));
    }

    @Test
    void slotNamesFitPostgresLimit() {
        assertEquals("fsc_shop_orders", DebeziumPostgresConnector.slotName("shop", "orders"));
        String project = "a_very_long_project_name_for_the_whole_company";
        String slot = DebeziumPostgresConnector.slotName(project, "orders_from_the_checkout_service");
        assertEquals(63, slot.length());
        assertTrue(slot.matches("fsc_a_very_long_project_name_[a-z0-9_]+_[0-9a-f]{8}"), slot);
        assertFalse(slot.equals(DebeziumPostgresConnector.slotName(project, "orders_from_the_checkout_service_v2")));
    }
}
