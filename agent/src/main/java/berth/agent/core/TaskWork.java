package berth.agent.core;

import java.util.List;

/** The engine steps one task needs this round, in order. */
public record TaskWork(String taskArn, List<Step> steps) {
    public TaskWork {
        steps = List.copyOf(steps);
    }
}
