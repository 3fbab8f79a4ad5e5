package berth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent protocol's types name nothing that ECS's domain or the agent already names, so a file
 * that reads a wire message never has two meanings of one name in view. Read from the compiled
 * classes on this test's class path, where the server has every module; nested builders are exempt.
 */
class AgentWireNamesTest {

    @Test
    void wireTypesAreNotTwinsOfEcsOrAgentTypes() throws IOException, URISyntaxException {
        Set<String> wire = simpleNames("berth/agentwire");
        Set<String> sides = new TreeSet<>(simpleNames("berth/ecs"));
        sides.addAll(simpleNames("berth/agent"));

        assertThat(wire).contains("AssignmentBatch", "AssignedTask", "AssignedContainer");
        wire.retainAll(sides);
        assertThat(wire).isEmpty();
    }

    /** The simple names of the classes under {@code pkg} and its subpackages, nested ones included. */
    private Set<String> simpleNames(String pkg) throws IOException, URISyntaxException {
        URL location = getClass().getClassLoader().getResource(pkg);
        assertThat(location).as("package %s on the class path", pkg).isNotNull();
        URI uri = location.toURI();
        FileSystem jar = uri.getScheme().equals("jar") ? FileSystems.newFileSystem(uri, Map.of()) : null;
        try {
            Path root = jar == null ? Path.of(uri)
                    : jar.getPath(uri.getSchemeSpecificPart().substring(uri.getSchemeSpecificPart().indexOf("!/") + 1));
            try (Stream<Path> files = Files.walk(root)) {
                return files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                        .map(n -> n.substring(n.lastIndexOf('$') + 1, n.length() - ".class".length()))
                        .filter(n -> !n.isEmpty() && !Character.isDigit(n.charAt(0)) && !n.equals("Builder"))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
        } finally {
            if (jar != null) {
                jar.close();
            }
        }
    }
}
