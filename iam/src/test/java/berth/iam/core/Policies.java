package berth.iam.core;

import java.util.Arrays;
import java.util.List;

/** Policy documents for tests, written with single quotes for readability. */
final class Policies {
    private Policies() {}

    static PolicyDocument identity(String singleQuotedJson) {
        return PolicyParser.parse(singleQuotedJson.replace('\'', '"'), PolicyParser.Kind.IDENTITY);
    }

    static PolicyDocument trust(String singleQuotedJson) {
        return PolicyParser.parse(singleQuotedJson.replace('\'', '"'), PolicyParser.Kind.TRUST);
    }

    /** A 2012-10-17 document of the given statements. */
    static PolicyDocument statements(String... singleQuotedStatements) {
        return identity("{'Version':'2012-10-17','Statement':[" + String.join(",", singleQuotedStatements) + "]}");
    }

    static PolicySet set(PolicyDocument... documents) {
        return PolicySet.of(Arrays.asList(documents));
    }

    static List<PolicyDocument> list(PolicyDocument... documents) {
        return List.of(documents);
    }
}
