package berth.sqs.core;

/**
 * A request a core rule refuses, with the SQS error code it answers with ({@code InvalidAttributeValue},
 * {@code InvalidParameterValue}, ...) and AWS's message; the API looks the code up in its catalog.
 */
public final class QueueRefusal extends RuntimeException {
    private final String code;

    public QueueRefusal(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static QueueRefusal invalidAttributeValue(String message) {
        return new QueueRefusal("InvalidAttributeValue", message);
    }

    public static QueueRefusal invalidParameterValue(String message) {
        return new QueueRefusal("InvalidParameterValue", message);
    }
}
