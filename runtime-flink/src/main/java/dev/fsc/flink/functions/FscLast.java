package dev.fsc.flink.functions;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.LogicalTypeFamily;
import org.apache.flink.types.Row;

import java.util.Optional;

/**
 * {@code FSC_LAST(value, event_time)} → {@code ROW<event_time TIMESTAMP(3), value T>}: the value of
 * the latest event, ties to the greater value, NULL values ignored, NULL over nothing — Spark's
 * {@code MAX(named_struct('event_time', t, 'value', v)) FILTER (WHERE v IS NOT NULL)}. Retractable.
 */
public final class FscLast extends AggregateFunction<Row, LastAccumulator> {

    @Override
    public LastAccumulator createAccumulator() {
        return new LastAccumulator();
    }

    public void accumulate(LastAccumulator acc, Object value, Object eventTime) {
        if (value != null && eventTime != null) {
            acc.add(EventTimes.millis(eventTime), value);
        }
    }

    public void retract(LastAccumulator acc, Object value, Object eventTime) {
        if (value != null && eventTime != null) {
            acc.remove(EventTimes.millis(eventTime), value);
        }
    }

    public void merge(LastAccumulator acc, Iterable<LastAccumulator> others) {
        for (LastAccumulator other : others) {
            acc.addAll(other);
        }
    }

    @Override
    public Row getValue(LastAccumulator acc) {
        return acc.hasBest ? Row.of(EventTimes.utc(acc.bestTime), acc.bestValue) : null;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        TypeStrategy output = call -> {
            DataType value = call.getArgumentDataTypes().get(0);
            return Optional.of(DataTypes.ROW(
                    DataTypes.FIELD("event_time", DataTypes.TIMESTAMP(3)),
                    DataTypes.FIELD("value", value.nullable())));
        };
        return TypeInference.newBuilder()
                .inputTypeStrategy(InputTypeStrategies.sequence(
                        InputTypeStrategies.ANY,
                        InputTypeStrategies.logical(LogicalTypeFamily.TIMESTAMP)))
                .accumulatorTypeStrategy(call -> Optional.of(
                        call.getDataTypeFactory().createRawDataType(LastAccumulator.class)))
                .outputTypeStrategy(output)
                .build();
    }
}
