package dev.fsc.e2e.oracle;

import java.util.List;
import java.util.Map;

/** The silver sources of a project, by source name. */
record Silver(Map<String, SilverSource> sources) {
    SilverSource source(String name) {
        SilverSource s = sources.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no source " + name);
        }
        return s;
    }

    List<Event> events(String source) {
        return source(source).events();
    }

    CdcTable table(String source) {
        return source(source).table();
    }
}
