package berth.apprunner.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeSourceTest {
    @Test
    void aRuntimeBuildCopiesTheCodeRunsTheBuildCommandAndStartsWithTheStartCommand() {
        CodeSource code = new CodeSource("/repo", "main", "", "API", "PYTHON_3", "pip install -r requirements.txt",
                "python app.py \"$PORT\"");
        assertThat(code.sourceDirectory()).isEqualTo("/");
        assertThat(code.dockerfile("python:3.8", "8000", Map.of("MODE", "prod"))).isEqualTo("""
                FROM python:3.8
                WORKDIR /app
                COPY . /app
                ENV MODE="prod"
                ENV PORT=8000
                RUN pip install -r requirements.txt
                CMD ["sh", "-c", "python app.py \\"$PORT\\""]
                """);
    }

    @Test
    void noBuildCommandMeansNoBuildStep() {
        CodeSource code = new CodeSource("/repo", "main", "web", "API", "NODEJS_18", null, "node server.js");
        assertThat(code.dockerfile("node:18", "8080", Map.of())).doesNotContain("RUN").contains("CMD [\"sh\", \"-c\", \"node server.js\"]");
    }

    @Test
    void customDomainsServeTheirWwwSubdomainWhenAsked() {
        assertThat(new CustomDomain("shop.example.com", true, "CREATING", null).hosts())
                .containsExactly("shop.example.com", "www.shop.example.com");
        assertThat(new CustomDomain("shop.example.com", false, "CREATING", null).hosts()).containsExactly("shop.example.com");
    }
}
