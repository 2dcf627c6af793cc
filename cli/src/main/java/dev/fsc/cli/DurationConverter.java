package dev.fsc.cli;

import dev.fsc.compiler.spec.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Reads an option's duration the way specs write them: {@code <int><unit>}, unit s m h d (e.g. 90s, 30m). */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "wants <int><unit> with unit s m h d (e.g. 90s, 30m), not `" + value + "`"));
    }
}
