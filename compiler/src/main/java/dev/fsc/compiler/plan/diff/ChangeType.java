package dev.fsc.compiler.plan.diff;

/** Whether a node appears, disappears or changes between two plans. */
public enum ChangeType {
    ADD("+"), REMOVE("-"), MODIFY("~");

    private final String symbol;

    ChangeType(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
