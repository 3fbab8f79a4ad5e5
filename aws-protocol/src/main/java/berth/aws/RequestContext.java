package berth.aws;

/** What a handler knows about the request besides its decoded input. */
public record RequestContext(Caller caller, String requestId, String operation) {
    public String accountId() {
        return caller.accountId();
    }

    public String region() {
        return caller.region();
    }

    /** The account and region this request acts in. */
    public Scope scope() {
        return caller.scope();
    }
}
