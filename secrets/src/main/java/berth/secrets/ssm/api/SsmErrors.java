package berth.secrets.ssm.api;

import berth.aws.AwsException;

/** The error codes Parameter Store answers with. */
final class SsmErrors {
    private SsmErrors() {}

    static AwsException of(String code, String message) {
        return new AwsException(400, code, message);
    }

    static AwsException validation(String message) {
        return of("ValidationException", message);
    }

    static AwsException notFound() {
        return of("ParameterNotFound", "");
    }

    static AwsException versionNotFound(String name, String selector) {
        return of("ParameterVersionNotFound", "Systems Manager could not find version " + selector + " of " + name
                + ". Verify the version and try again.");
    }

    static AwsException invalidNextToken() {
        return of("InvalidNextToken", "The nextToken is not valid.");
    }
}
