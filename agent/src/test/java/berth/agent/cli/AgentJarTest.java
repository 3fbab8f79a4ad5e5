package berth.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code berth-agent.jar}, which {@code ./berth agent} runs: its class path (the manifest's
 * {@code Class-Path}, the jars of {@code lib/}) holds berth's agent and the agent protocol and no
 * module of the control plane, and it starts. It reads the packaged jar, so the build runs it after
 * {@code package} (tag {@code packaged-jar}: surefire execution {@code agent-jar}, phase {@code verify}).
 */
@Tag("packaged-jar")
class AgentJarTest {
    private static final Path TARGET = Path.of("target");
    private static final Path JAR = TARGET.resolve("berth-agent.jar");
    /** The berth modules an agent host may carry. */
    private static final Set<String> AGENT_MODULES = Set.of("agent", "agent-wire");
    /** The control plane's modules, named in the failure when one turns up. */
    private static final List<String> CONTROL_PLANE = List.of("ecs", "elb", "iam", "store", "registry", "logs",
            "secrets", "platform", "aws-protocol", "local-agent", "server");
    /** Where berth's classes live, by module. */
    private static final List<String> AGENT_PACKAGES = List.of("berth/agent/", "berth/agentwire/");

    private static Manifest manifest() throws IOException {
        assertThat(JAR).as("the agent jar (mvn package -pl agent -am)").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return jar.getManifest();
        }
    }

    private static List<Path> classPath() throws IOException {
        String entries = manifest().getMainAttributes().getValue("Class-Path");
        assertThat(entries).as("Class-Path of %s", JAR).isNotBlank();
        return Arrays.stream(entries.trim().split("\\s+")).map(TARGET::resolve).toList();
    }

    @Test
    void startsAgentMainFromLib() throws IOException {
        assertThat(manifest().getMainAttributes().getValue("Main-Class")).isEqualTo("berth.agent.cli.AgentMain");
        List<Path> classPath = classPath();
        assertThat(classPath).allSatisfy(p -> assertThat(p).isRegularFile()
                .satisfies(f -> assertThat(f.getParent()).isEqualTo(TARGET.resolve("lib"))));
        try (Stream<Path> lib = Files.list(TARGET.resolve("lib"))) {
            assertThat(lib.map(Path::normalize).toList()).as("lib/ holds the class path and nothing else")
                    .containsExactlyInAnyOrderElementsOf(classPath.stream().map(Path::normalize).toList());
        }
    }

    @Test
    void itsClassPathHoldsNoModuleOfTheControlPlane() throws IOException {
        Set<String> modules = new TreeSet<>();
        List<String> foreignClasses = new ArrayList<>();
        List<Path> jars = new ArrayList<>(classPath());
        jars.add(JAR);
        for (Path path : jars) {
            try (JarFile jar = new JarFile(path.toFile())) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (name.startsWith("META-INF/maven/dev.berth/") && name.endsWith("/pom.properties")) {
                        modules.add(artifactId(jar, entry));
                    } else if (name.startsWith("berth/") && name.endsWith(".class")
                            && AGENT_PACKAGES.stream().noneMatch(name::startsWith)) {
                        foreignClasses.add(path.getFileName() + "!" + name);
                    }
                }
            }
        }

        assertThat(modules).as("berth modules on the agent's class path").doesNotContainAnyElementsOf(CONTROL_PLANE)
                .containsExactlyInAnyOrderElementsOf(AGENT_MODULES);
        assertThat(foreignClasses).as("berth classes outside the agent and its protocol").isEmpty();
    }

    @Test
    void runsWithNothingButItsOwnClassPath() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-jar", JAR.toString(), "--help").redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("usage: berth agent --cluster NAME --endpoint URL");
    }

    private static String artifactId(JarFile jar, JarEntry properties) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = jar.getInputStream(properties)) {
            p.load(in);
        }
        return p.getProperty("artifactId", "");
    }
}
