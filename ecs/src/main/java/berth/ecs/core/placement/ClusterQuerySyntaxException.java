package berth.ecs.core.placement;

/** A cluster query expression that does not parse; {@code position} is the 0-based offset of the fault. */
public final class ClusterQuerySyntaxException extends InvalidPlacementException {
    private final String expression;
    private final int position;

    public ClusterQuerySyntaxException(String expression, int position, String problem) {
        super("Invalid cluster query expression at position " + position + ": " + problem
                + " (expression: " + expression + ")");
        this.expression = expression;
        this.position = position;
    }

    public String expression() {
        return expression;
    }

    public int position() {
        return position;
    }
}
