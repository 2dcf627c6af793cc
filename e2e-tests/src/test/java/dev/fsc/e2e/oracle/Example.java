package dev.fsc.e2e.oracle;

import java.util.List;
import java.util.Map;

/** One example project, hand-coded from its specs: its sources, and its datasets over their silver. */
interface Example {
    List<SourceDef> sources();

    Map<String, Dataset> datasets(Silver silver);
}
