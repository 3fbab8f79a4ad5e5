package berth.platform;

import berth.aws.AwsService;
import berth.aws.CredentialSource;
import berth.store.Store;
import com.linecorp.armeria.server.HttpService;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** What the running platform gives a module, and where the module registers what it serves. */
public interface Platform {

    Store store();

    Clock clock();

    /** The account {@code test}/{@code test} signs for. */
    String defaultAccountId();

    /** The region berth names when nothing else does. */
    String defaultRegion();

    /** berth's home directory; a module keeps files under {@code home().resolve(name())}. */
    Path home();

    /** Where clients reach this berth, e.g. {@code http://127.0.0.1:4566}. Known once the endpoint listens. */
    URI endpoint();

    /** The credentials every signed request is checked against. */
    CredentialSource credentials();

    /** Adds a source of access keys (e.g. IAM users' keys, temporary credentials) after the built-in ones. */
    void addCredentials(CredentialSource source);

    /** Serves an AWS API through the shared dispatcher. */
    void addAwsService(AwsService service);

    /**
     * Serves plain HTTP under {@code pathPrefix} (e.g. {@code /v2/}) on the endpoint, outside the AWS
     * dispatcher; the service does its own authentication.
     */
    void addHttpService(String pathPrefix, HttpService service);

    /**
     * Serves plain HTTP for the requests {@code claim} takes, whatever their path, before path
     * prefixes and the AWS dispatcher are asked; the service does its own authentication.
     */
    void addHttpService(RequestClaim claim, HttpService service);

    /** Authorises AWS calls of non-root identities; the last one added decides. */
    void setAuthorizer(berth.aws.Authorizer authorizer);

    /**
     * The authorizer that decides AWS calls of non-root identities now, for a service that answers
     * outside the dispatcher (S3) and asks it itself.
     */
    berth.aws.Authorizer authorizer();

    /** Another module's published object, e.g. a registry token verifier; empty if not published. */
    <T> Optional<T> lookup(Class<T> type);

    /** Publishes an object other modules may {@link #lookup}. */
    <T> void publish(Class<T> type, T instance);
}
