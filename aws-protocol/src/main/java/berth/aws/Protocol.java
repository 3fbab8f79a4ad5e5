package berth.aws;

/** The AWS wire protocols berth speaks. */
public enum Protocol {
    AWS_JSON_1_0,
    AWS_JSON_1_1,
    QUERY,
    REST_JSON
}
