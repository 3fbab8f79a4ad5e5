package berth.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code berth agent} as {@code ./berth agent} runs it: {@code java -jar agent/target/berth-agent.jar},
 * whose class path holds the agent and its protocol and none of the control plane, so an agent process
 * a test starts knows berth only through the wire, as one on another host does.
 */
public final class AgentJar {
    private static final Path JAR = Path.of("..", "agent", "target", "berth-agent.jar").toAbsolutePath().normalize();

    private AgentJar() {}

    /** The command line of an agent process with {@code args}. */
    public static List<String> command(List<String> args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build it first (mvn package -pl agent -am)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(args);
        return command;
    }
}
