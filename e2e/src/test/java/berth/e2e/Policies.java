package berth.e2e;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The policy documents tests give roles and users, written once. */
public final class Policies {
    private Policies() {}

    /** A trust policy letting service principal {@code service} (e.g. {@code ecs-tasks.amazonaws.com}) assume the role. */
    public static String trustService(String service) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},\
                "Action":"sts:AssumeRole"}]}""".formatted(service);
    }

    /** A trust policy letting AWS principal {@code principal} (an account id or an ARN) assume the role. */
    public static String trustAws(String principal) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},\
                "Action":"sts:AssumeRole"}]}""".formatted(principal);
    }

    /** An identity-based policy allowing {@code actions} on {@code resource}. */
    public static String allow(String resource, String... actions) {
        String list = Arrays.stream(actions).map(a -> "\"" + a + "\"").collect(Collectors.joining(","));
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[%s],"Resource":"%s"}]}"""
                .formatted(list, resource);
    }

    /** A queue policy letting service principal {@code service} send to {@code queueArn} for the resource {@code sourceArn} only. */
    public static String queueSendFrom(String queueArn, String service, String sourceArn) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},\
                "Action":"sqs:SendMessage","Resource":"%s","Condition":{"ArnEquals":{"aws:SourceArn":"%s"}}}]}"""
                .formatted(service, queueArn, sourceArn);
    }
}
