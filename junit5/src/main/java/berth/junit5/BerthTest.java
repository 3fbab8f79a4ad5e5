package berth.junit5;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated test class against a berth started in-process on a free port. Test methods,
 * constructors and lifecycle methods may declare parameters of type {@link Berth}, {@link java.net.URI}
 * (the endpoint), {@code AwsCredentialsProvider}, {@code Region}, or any AWS SDK v2 synchronous client
 * (e.g. {@code EcsClient}): they arrive configured for this berth.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(BerthExtension.class)
public @interface BerthTest {

    /** When to wipe berth's state (and stop what it runs). */
    Reset reset() default Reset.NEVER;

    /** Reuse one berth across every class of the run that also says {@code shared = true}. */
    boolean shared() default false;

    /** The account {@code test}/{@code test} signs for. */
    String accountId() default "000000000000";

    /** The region injected clients use. */
    String region() default "us-east-1";

    /** Services to reset between tests; empty means all. */
    String[] resetServices() default {};

    enum Reset {
        NEVER,
        /** Before each test method. */
        PER_TEST,
        /** Before each test class (only meaningful with {@code shared = true}). */
        PER_CLASS
    }
}
