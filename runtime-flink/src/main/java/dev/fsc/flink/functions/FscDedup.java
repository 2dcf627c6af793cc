package dev.fsc.flink.functions;

import dev.fsc.flink.online.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.annotation.StateHint;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.StateTypeStrategy;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.types.Row;

/**
 * {@code FSC_DEDUP(input => TABLE t PARTITION BY <dedup keys>, arrival_column => '<col>', dedup_within => '10m')}:
 * the batch dedup rule, decided from per-record data only so a replay decides as the batch job did —
 * a record is kept when it is the first of its key, or arrives more than {@code within} after
 * the latest kept record of its key (exactly {@code within} is still a duplicate). Emits the kept
 * rows (every input column passed through) plus {@code dedup_first}.
 *
 * <p>A key's state expires {@code within} after its last kept record (processing time): by then any later record
 * of the key would be kept anyway, so the state of every key ever seen does not grow without bound.
 *
 * <p>The input arrives as an external {@link Row}: the runtime converts every column of every record for it (in a
 * profile of bench/stream about a tenth of this operator's time). Flink 2.1.1 offers no internal ({@code RowData})
 * form for an untyped (any-schema) table argument: the runner's code generator takes the argument's type from the
 * call's table, whose conversion class is always {@code Row} (TypeInferenceUtil.inferInputTypes), whatever
 * {@code eval} declares or a specialized instance's type inference says — tried, and planning fails with "Could not
 * find an implementation method 'eval' ... Row".
 */
@FunctionHint(output = @DataTypeHint("ROW<dedup_first BOOLEAN>"))
public final class FscDedup extends ProcessTableFunction<Row> {
    /** Position of {@code dedup_within} among the call's arguments (after input and arrival_column). */
    private static final int WITHIN_ARGUMENT = 2;

    /** {@code dedup_within} parsed once; null until the first record (transient: unset again on every task). */
    private transient Long withinMillis;

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
        if (withinMillis == null) {
            withinMillis = Durations.millis(within); // a literal of the call: the same for every record
        }
        long arrival = EventTimes.millis(at);
        boolean first = kept.arrival == null;
        if (first || arrival - kept.arrival > withinMillis) {
            kept.arrival = arrival;
            collect(Row.of(first));
        }
    }

    /** The inference extracted from {@link #eval}, with the state's time-to-live taken from the call's {@code dedup_within}. */
    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        TypeInference extracted = super.getTypeInference(typeFactory);
        LinkedHashMap<String, StateTypeStrategy> state = new LinkedHashMap<>();
        extracted.getStateTypeStrategies().forEach((name, strategy) -> state.put(name, new ExpiresAfterWithin(strategy)));
        TypeInference.Builder builder = TypeInference.newBuilder()
                .stateTypeStrategies(state)
                .outputTypeStrategy(extracted.getOutputTypeStrategy());
        Optional<List<org.apache.flink.table.types.inference.StaticArgument>> arguments = extracted.getStaticArguments();
        if (arguments.isPresent()) {
            builder.staticArguments(arguments.get());
        } else {
            builder.inputTypeStrategy(extracted.getInputTypeStrategy());
        }
        return builder.build();
    }

    /** A state type as extracted, living for the call's {@code dedup_within}. */
    private record ExpiresAfterWithin(StateTypeStrategy extracted) implements StateTypeStrategy {
        @Override
        public Optional<DataType> inferType(CallContext callContext) {
            return extracted.inferType(callContext);
        }

        @Override
        public Optional<Duration> getTimeToLive(CallContext callContext) {
            return callContext.getArgumentValue(WITHIN_ARGUMENT, String.class).map(within -> Duration.ofMillis(Durations.millis(within)));
        }
    }
}
