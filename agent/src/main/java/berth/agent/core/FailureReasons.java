package berth.agent.core;

/**
 * The reason texts ECS writes on stopped tasks and containers, so clients that match on them (the
 * console, scripts grepping {@code stoppedReason}) see the same words from berth.
 */
public final class FailureReasons {

    public static final String ESSENTIAL_CONTAINER_EXITED = "Essential container in task exited";
    public static final String OUT_OF_MEMORY = "OutOfMemoryError: Container killed due to memory usage";
    public static final String CONTAINER_VANISHED = "ContainerVanishedError: No container matching saved ID found";
    public static final String PAUSE_CONTAINER_EXITED =
            "ResourceInitializationError: the task's network namespace container exited";

    private FailureReasons() {}

    public static String cannotPull(String engineMessage) {
        return "CannotPullContainerError: " + engineMessage;
    }

    public static String cannotCreate(String engineMessage) {
        return "CannotCreateContainerError: " + engineMessage;
    }

    public static String cannotStart(String engineMessage) {
        return "CannotStartContainerError: " + engineMessage;
    }

    public static String resourceInitialization(String message) {
        return "ResourceInitializationError: " + message;
    }

    /** A SUCCESS dependency exited with a non-zero code, so the dependent can never start. */
    public static String dependencyNotSuccessful(String dependency, String target) {
        return cannotStart("dependency graph: failed to resolve container ordering dependency [" + dependency
                + "] for target [" + target + "] as dependency did not exit successfully.");
    }

    /** A dependency stopped without ever reaching its condition (START, HEALTHY). */
    public static String dependencyUnresolvable(String dependency, String target) {
        return cannotStart("dependency graph: failed to resolve the container ordering dependency [" + dependency
                + "] for target [" + target + "]");
    }

    /** A dependency did not reach its condition within its startTimeout. */
    public static String dependencyTimedOut(String dependency, String target) {
        return cannotStart("dependency graph: container ordering dependency [" + dependency + "] for target ["
                + target + "] has timed out.");
    }

    /** The task definition names a dependency that is not one of its containers. */
    public static String dependencyMissing(String dependency, String target) {
        return cannotStart("dependency graph: container ordering dependency [" + dependency + "] for target ["
                + target + "] does not exist.");
    }
}
