package berth.elb.state;

import berth.elb.core.Action;
import berth.elb.core.Condition;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import berth.platform.RecordJson;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How ELB records are written to the store: JSON of the core records as they are; the sealed
 * action and condition types carry a {@code type} member naming the variant.
 */
final class Json {
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Action.Forward.class, name = "forward"),
            @JsonSubTypes.Type(value = Action.FixedResponse.class, name = "fixed-response"),
            @JsonSubTypes.Type(value = Action.Redirect.class, name = "redirect")})
    private interface ActionTypes {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Condition.PathPattern.class, name = "path-pattern"),
            @JsonSubTypes.Type(value = Condition.HostHeader.class, name = "host-header"),
            @JsonSubTypes.Type(value = Condition.HttpHeader.class, name = "http-header"),
            @JsonSubTypes.Type(value = Condition.HttpRequestMethod.class, name = "http-request-method"),
            @JsonSubTypes.Type(value = Condition.QueryString.class, name = "query-string"),
            @JsonSubTypes.Type(value = Condition.SourceIp.class, name = "source-ip")})
    private interface ConditionTypes {}

    /** Derived accessors of core records that are not stored. */
    private interface DerivedLeftOut {
        @com.fasterxml.jackson.annotation.JsonIgnore String field();
        @com.fasterxml.jackson.annotation.JsonIgnore int evaluations();
        @com.fasterxml.jackson.annotation.JsonIgnore java.util.List<String> targetGroupArns();
    }

    private static final ObjectMapper MAPPER = RecordJson.standardMapper()
            .disable(com.fasterxml.jackson.databind.MapperFeature.AUTO_DETECT_IS_GETTERS)
            .addMixIn(Action.class, ActionTypes.class)
            .addMixIn(Condition.class, ConditionTypes.class);

    static {
        for (Class<?> type : new Class<?>[] {Action.Forward.class, Action.FixedResponse.class, Action.Redirect.class,
                Condition.PathPattern.class, Condition.HostHeader.class, Condition.HttpHeader.class,
                Condition.HttpRequestMethod.class, Condition.QueryString.class, Condition.SourceIp.class}) {
            MAPPER.addMixIn(type, DerivedLeftOut.class);
        }
    }

    static final RecordJson RECORDS = new RecordJson(MAPPER);

    private Json() {}

    static byte[] write(Object record) {
        return RECORDS.write(record);
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        return RECORDS.read(bytes, type);
    }
}
