package berth.aws;

/** The AWS wire protocols berth speaks. */
public enum Protocol {
    AWS_JSON_1_0,
    AWS_JSON_1_1,
    QUERY,
    /** EC2's dialect of Query: {@code Name.N} lists, responses without a result wrapper, {@code <Response><Errors>} errors. */
    EC2,
        REST_JSON,
    /** Smithy RPC v2 CBOR; the model's target prefix is the Smithy service name in the path. */
    RPC_V2_CBOR
}
