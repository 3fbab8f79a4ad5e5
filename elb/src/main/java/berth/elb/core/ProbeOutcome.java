package berth.elb.core;

/** The result of one health check of one target. */
public sealed interface ProbeOutcome {
    /** The target answered as the check requires. */
    record Passed() implements ProbeOutcome {}

    /** An HTTP check got a code the matcher does not accept. */
    record CodeMismatch(int code) implements ProbeOutcome {}

    /** No answer within the check's timeout. */
    record TimedOut() implements ProbeOutcome {}

    /** The connection was refused or reset, or the answer was not HTTP. */
    record ConnectionFailed(String detail) implements ProbeOutcome {}

    /** The check could not be made for a reason of berth's own. */
    record InternalError(String detail) implements ProbeOutcome {}

    ProbeOutcome PASSED = new Passed();
}
