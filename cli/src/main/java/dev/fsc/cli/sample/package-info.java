/**
 * {@code fsc sample-data}: deterministic sample input files for a project's {@code local} environment,
 * driven by the compiled model.
 *
 * <ul>
 *   <li>{@link dev.fsc.cli.sample.SampleDataCommand} the command: compile, resolve output files, report;</li>
 *   <li>{@link dev.fsc.cli.sample.SampleDataGenerator} the order of work: domains, CDC timelines, sources, manifest;</li>
 *   <li>{@link dev.fsc.cli.sample.KeyDomains} / {@link dev.fsc.cli.sample.KeyDomain} shared key spaces
 *       (with {@link dev.fsc.cli.sample.QueryLinks} reading joins out of view and spine queries);</li>
 *   <li>{@link dev.fsc.cli.sample.ColumnRule}, {@link dev.fsc.cli.sample.ValueGenerator},
 *       {@link dev.fsc.cli.sample.Words} values per column; {@link dev.fsc.cli.sample.ExpectChecks} keeps rows
 *       inside the {@code expect} checks; {@link dev.fsc.cli.sample.RowFactory} assembles rows;</li>
 *   <li>{@link dev.fsc.cli.sample.StreamWriter} stream and batch files (arrival times, duplicates, late events),
 *       {@link dev.fsc.cli.sample.CdcTimeline} and {@link dev.fsc.cli.sample.CdcWriter} Debezium change events;</li>
 *   <li>{@link dev.fsc.cli.sample.JsonOut}, {@link dev.fsc.cli.sample.LineFile}, {@link dev.fsc.cli.sample.Manifest} output.</li>
 * </ul>
 *
 * <p>Everything random comes from {@link java.util.SplittableRandom}s seeded from {@code --seed} and a name
 * ({@link dev.fsc.cli.sample.Draw#seed}), nothing depends on the clock or on hash order, and floating point uses
 * {@link java.lang.StrictMath}: the same arguments write the same bytes.
 */
package dev.fsc.cli.sample;
