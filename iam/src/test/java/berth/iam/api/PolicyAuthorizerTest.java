package berth.iam.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import berth.aws.AwsException;
import berth.aws.Caller;
import berth.aws.Identity;
import berth.aws.Protocol;
import berth.aws.ServiceModel;
import berth.iam.core.User;
import berth.iam.state.IamRecords;
import berth.iam.state.PrincipalPolicies;
import berth.iam.state.SessionRecords;
import berth.store.Store;
import berth.store.embedded.EmbeddedStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.iam.model.GetUserRequest;

class PolicyAuthorizerTest {
    private static final String ACCOUNT = "111122223333";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:111122223333:jobs";
    private static final ServiceModel SQS = new ServiceModel("sqs", "sqs", Protocol.AWS_JSON_1_0, "AmazonSQS", "",
            "software.amazon.awssdk.services.sqs.model", List.of());
    private static final SdkPojo REQUEST = GetUserRequest.builder().build();

    @TempDir
    Path directory;
    private Store store;
    private IamRecords iam;
    private ResourceTable table;
    private PolicyAuthorizer authorizer;

    @BeforeEach
    void open() {
        store = EmbeddedStore.open(directory);
        iam = new IamRecords(store, () -> { });
        table = new ResourceTable(iam);
        authorizer = new PolicyAuthorizer(new PrincipalPolicies(iam, new SessionRecords(store, () -> { })), table,
                Clock.systemUTC());
        for (String operation : List.of("sqs:DeleteMessage", "sqs:DeleteMessageBatch", "sqs:SendMessageBatch")) {
            table.register(operation, (request, caller) -> List.of(QUEUE));
        }
        table.registerAction("sqs:DeleteMessageBatch", "sqs:DeleteMessage");
        table.registerAction("sqs:SendMessageBatch", "sqs:SendMessage");
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A user allowed {@code actions} on the queue, signing in as itself. */
    private Caller user(String name, String keyId, String... actions) {
        String list = String.join("\",\"", actions);
        User user = new User(ACCOUNT, name, "/", "AIDA" + keyId.substring(4), Instant.parse("2025-01-01T00:00:00Z"), Map.of(),
                Map.of("queue", """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["%s"],"Resource":"%s"}]}"""
                        .formatted(list, QUEUE)), List.of(), List.of(), "");
        iam.putUser(user, Store.ABSENT, List.of());
        return new Caller(new Identity(ACCOUNT, user.arn(), user.userId(), false), keyId, "us-east-1", "sqs");
    }

    @Test
    void anOperationRegisteredUnderAnotherActionIsAuthorizedAsThatAction() {
        Caller worker = user("worker", "AKIAEXAMPLEEXAMPLE01", "sqs:ReceiveMessage", "sqs:DeleteMessage");

        assertThat(table.actionOf("sqs:DeleteMessageBatch")).isEqualTo("sqs:DeleteMessage");
        assertThat(table.actionOf("SQS:deletemessagebatch")).isEqualTo("sqs:DeleteMessage");
        assertThat(table.actionOf("sqs:ReceiveMessage")).isEqualTo("sqs:ReceiveMessage");
        assertThatCode(() -> authorizer.authorize(worker, SQS, "DeleteMessageBatch", REQUEST)).doesNotThrowAnyException();
        assertThatCode(() -> authorizer.authorize(worker, SQS, "DeleteMessage", REQUEST)).doesNotThrowAnyException();
        assertThatThrownBy(() -> authorizer.authorize(worker, SQS, "SendMessageBatch", REQUEST))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
                        .contains("is not authorized to perform: sqs:SendMessage on resource: " + QUEUE));
    }

    @Test
    void aPolicyNamingOnlyTheOperationDoesNotAllowIt() {
        Caller batcher = user("batcher", "AKIAEXAMPLEEXAMPLE02", "sqs:DeleteMessageBatch");

        assertThatThrownBy(() -> authorizer.authorize(batcher, SQS, "DeleteMessageBatch", REQUEST))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.getMessage())
                        .contains("is not authorized to perform: sqs:DeleteMessage on resource: " + QUEUE));
    }
}
