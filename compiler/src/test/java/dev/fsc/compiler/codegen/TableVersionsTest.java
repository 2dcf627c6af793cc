package dev.fsc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Naming of table versions: version 1 is today's name, later ones a {@code __v<n>} suffix, and back. */
class TableVersionsTest {
    private static final String TILES = "gold.user_order_stats__tiles_1h";

    @Test
    void versionOneIsTheLogicalNameAndLaterVersionsTakeASuffix() {
        assertEquals(TILES, TableVersions.NONE.physical(TILES));
        assertEquals(1, TableVersions.NONE.version(TILES));
        TableVersions two = TableVersions.NONE.next(TILES);
        assertEquals(2, two.version(TILES));
        assertEquals(TILES + "__v2", two.physical(TILES));
        assertEquals(TILES + "__v3", two.next(TILES).physical(TILES));
        assertEquals("silver.orders", two.physical("silver.orders"), "other tables keep their names");
        assertEquals(Map.of(TILES, 2), two.versions());
    }

    @Test
    void versionsOfOneAreNotListedSoEqualMapsNameEqualTables() {
        assertEquals(TableVersions.NONE, new TableVersions(Map.of(TILES, 1)));
        assertEquals(Map.of(), new TableVersions(Map.of(TILES, 1)).versions());
        assertThrows(IllegalArgumentException.class, () -> new TableVersions(Map.of(TILES, 0)));
    }

    @Test
    void aPhysicalNameLeadsBackToItsLogicalTableOnlyWhenTheMapNamesItSo() {
        TableVersions two = TableVersions.NONE.next(TILES);
        assertEquals(TILES, two.logical(TILES + "__v2"));
        assertEquals(TILES, TableVersions.NONE.logical(TILES));
        // a dataset may choose a name ending like a version: at version 1 it is its own logical name
        assertEquals("gold.scores__v2", TableVersions.NONE.logical("gold.scores__v2"));
        assertEquals(TILES + "__v3", two.logical(TILES + "__v3"), "not the version the map names");
    }
}
