package dev.fsc.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** What the table comparison counts as the same column type. */
class TableEvolutionTest {
    @Test
    void nestedFieldIdsAndTimestampZonesAreNoDifferenceButNamesTypesAndOptionalityAre() {
        Types.StructType last = Types.StructType.of(Types.NestedField.optional(13, "event_time", Types.TimestampType.withZone()),
                Types.NestedField.optional(14, "value", Types.StringType.get()));
        Types.StructType renumbered = Types.StructType.of(Types.NestedField.optional(14, "event_time", Types.TimestampType.withoutZone()),
                Types.NestedField.optional(15, "value", Types.StringType.get()));
        assertTrue(TableEvolution.sameShape(last, renumbered));
        assertFalse(TableEvolution.sameShape(last, Types.StructType.of(Types.NestedField.optional(13, "event_time", Types.TimestampType.withZone()),
                Types.NestedField.optional(14, "value", Types.LongType.get()))), "another value type");
        assertFalse(TableEvolution.sameShape(last, Types.StructType.of(Types.NestedField.optional(13, "at", Types.TimestampType.withZone()),
                Types.NestedField.optional(14, "value", Types.StringType.get()))), "another field name");
        assertFalse(TableEvolution.sameShape(last, Types.StructType.of(Types.NestedField.required(13, "event_time", Types.TimestampType.withZone()),
                Types.NestedField.optional(14, "value", Types.StringType.get()))), "a field made required");
        assertTrue(TableEvolution.sameShape(Types.LongType.get(), Types.LongType.get()));
        assertFalse(TableEvolution.sameShape(Types.LongType.get(), Types.DecimalType.of(38, 1)));
        assertFalse(TableEvolution.sameShape(Types.LongType.get(), last));
    }
}
