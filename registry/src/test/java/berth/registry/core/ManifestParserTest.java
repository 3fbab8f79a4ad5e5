package berth.registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);
    static final String C = "sha256:" + "c".repeat(64);

    static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dockerImageManifest() {
        Manifest m = ManifestParser.parse(json("{'schemaVersion':2,'mediaType':'" + MediaTypes.DOCKER_MANIFEST + "',"
                + "'config':{'mediaType':'application/vnd.docker.container.image.v1+json','digest':'" + A + "','size':10},"
                + "'layers':[{'mediaType':'application/vnd.docker.image.rootfs.diff.tar.gzip','digest':'" + B + "','size':20},"
                + "{'mediaType':'application/vnd.docker.image.rootfs.diff.tar.gzip','digest':'" + C + "','size':30}]}"), "");
        assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(m.blobs()).extracting(d -> d.digest().toString()).containsExactly(A, B, C);
        assertThat(m.layersSize()).isEqualTo(50);
        assertThat(m.artifactType()).isEqualTo("application/vnd.docker.container.image.v1+json");
        assertThat(m.isIndex()).isFalse();
    }

    @Test
    void ociManifestTakesItsTypeFromTheContentTypeAndKeepsSubjectAndArtifactType() {
        Manifest m = ManifestParser.parse(json("{'schemaVersion':2,'artifactType':'application/vnd.example.sbom',"
                + "'config':{'mediaType':'application/vnd.oci.empty.v1+json','digest':'" + A + "','size':2},"
                + "'layers':[],'subject':{'mediaType':'" + MediaTypes.OCI_MANIFEST + "','digest':'" + B + "','size':99},"
                + "'annotations':{'org.example':'x'}}"), MediaTypes.OCI_MANIFEST + "; charset=utf-8");
        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(m.artifactType()).isEqualTo("application/vnd.example.sbom");
        assertThat(m.subject()).isEqualTo(B);
        assertThat(m.annotations()).containsEntry("org.example", "x");
    }

    @Test
    void indexListsManifestsWithPlatforms() {
        Manifest m = ManifestParser.parse(json("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_INDEX + "','manifests':["
                + "{'mediaType':'" + MediaTypes.OCI_MANIFEST + "','digest':'" + A + "','size':5,'platform':{'os':'linux','architecture':'amd64'}}]}"), "");
        assertThat(m.isIndex()).isTrue();
        assertThat(m.blobs()).isEmpty();
        assertThat(m.manifests()).singleElement().satisfies(d -> {
            assertThat(d.platform().architecture()).isEqualTo("amd64");
            assertThat(d.digest().toString()).isEqualTo(A);
        });
    }

    @Test
    void refusesWhatIsNotAValidManifest() {
        String config = "'config':{'mediaType':'a/b','digest':'" + A + "','size':1}";
        assertInvalid("");
        assertInvalid("not json");
        assertInvalid("[1,2]");
        assertInvalid("{'schemaVersion':3," + config + ",'layers':[]}");
        assertInvalid("{'schemaVersion':2,'mediaType':'application/x-unknown'," + config + ",'layers':[]}");
        assertInvalid("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_MANIFEST + "','layers':[]}");
        assertInvalid("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_MANIFEST + "'," + config + "}");
        assertInvalid("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_MANIFEST + "','config':{'mediaType':'a/b','digest':'sha256:xyz','size':1},'layers':[]}");
        assertInvalid("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_MANIFEST + "','config':{'mediaType':'a/b','digest':'" + A + "','size':-1},'layers':[]}");
        assertInvalid("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_MANIFEST + "','config':{'mediaType':'a/b','digest':'" + A + "','size':'1'},'layers':[]}");
        assertInvalid("{'schemaVersion':2,'mediaType':'" + MediaTypes.DOCKER_MANIFEST + "'," + config + ",'layers':[]}");
        assertInvalid("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_INDEX + "','manifests':[{'mediaType':'a/b','digest':'" + A + "','size':1}]}");
        assertInvalid("{'schemaVersion':2,'schemaVersion':2," + config + ",'layers':[]}");
        assertThatThrownBy(() -> ManifestParser.parse(json("{'schemaVersion':2,'mediaType':'" + MediaTypes.OCI_MANIFEST + "'," + config
                + ",'layers':[]}"), MediaTypes.DOCKER_MANIFEST)).isInstanceOf(ManifestException.class);
    }

    @Test
    void schemaOneIsUnsupported() {
        assertThatThrownBy(() -> ManifestParser.parse(json("{'schemaVersion':1,'name':'x','tag':'y','fsLayers':[]}"), ""))
                .isInstanceOfSatisfying(ManifestException.class,
                        e -> assertThat(e.reason()).isEqualTo(ManifestException.Reason.UNSUPPORTED));
    }

    private static void assertInvalid(String body) {
        assertThatThrownBy(() -> ManifestParser.parse(json(body), ""))
                .as(body)
                .isInstanceOfSatisfying(ManifestException.class,
                        e -> assertThat(e.reason()).isEqualTo(ManifestException.Reason.INVALID));
    }
}
