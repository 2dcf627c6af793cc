package dev.fsc.flink.functions;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;
import dev.fsc.flink.online.Durations;

/**
 * {@code FSC_DEDUP(input => TABLE t PARTITION BY <dedup keys>, arrival_column => '<col>', dedup_within => '10m')}:
 * the batch dedup rule, decided from per-record data only so a replay decides as the batch job did —
 * a record is kept when it is the first of its key, or arrives more than {@code within} after
 * the latest kept record of its key (exactly {@code within} is still a duplicate). Emits the kept
 * rows (every input column passed through) plus {@code dedup_first}.
 */
@FunctionHint(output = @DataTypeHint("ROW<dedup_first BOOLEAN>"))
public final class FscDedup extends ProcessTableFunction<Row> {

    /** Per key: arrival time (epoch millis) of the latest kept record. */
    public static final class Kept {
        public Long arrival;
    }

    public void eval(@StateHint Kept kept,
                     @ArgumentHint(name = "input", value = {ArgumentTrait.SET_SEMANTIC_TABLE, ArgumentTrait.PASS_COLUMNS_THROUGH}) Row input,
                     @ArgumentHint(name = "arrival_column") String arrivalColumn,
                     @ArgumentHint(name = "dedup_within") String within) {
        Object at = input.getField(arrivalColumn);
        if (at == null) {
            throw new IllegalArgumentException("FSC_DEDUP: column " + arrivalColumn + " is NULL");
        }
        long arrival = EventTimes.millis(at);
        long withinMs = Durations.millis(within);
        boolean first = kept.arrival == null;
        if (first || arrival - kept.arrival > withinMs) {
            kept.arrival = arrival;
            collect(Row.of(first));
        }
    }
}
