package berth.events.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples of AWS's "Event patterns" and "Content filtering" pages, each matching or not as documented. */
class EventPatternTest {
    private static final String EC2 = """
            {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"EC2 Instance State-change Notification",
             "source":"aws.ec2","account":"111122223333","time":"2017-12-22T18:43:48Z","region":"us-west-1",
             "resources":["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
             "detail":{"instance-id":"i-1234567890abcdef0","state":"terminated","c-count":5,"d-count":3,
                       "x-limit":301.8,"source-ip":"10.0.0.123","location":"eu-central-1","empty":"",
                       "nothing":null,"flag":true,"tags":["a","b"],
                       "items":[{"kind":"x","n":1},{"kind":"y","n":7}]}}""";
    private static final String S3 = """
            {"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"doc-example-bucket"},
             "object":{"key":"uploads/photo.PNG","size":1024},"reason":"PutObject"}}""";

    static Stream<Arguments> table() {
        return Stream.of(
                // exact values
                Arguments.of(EC2, "{\"source\":[\"aws.ec2\"]}", true),
                Arguments.of(EC2, "{\"source\":[\"aws.s3\",\"aws.ec2\"]}", true),
                Arguments.of(EC2, "{\"source\":[\"aws.s3\"]}", false),
                Arguments.of(EC2, "{\"detail\":{\"state\":[\"terminated\"]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"state\":[\"TERMINATED\"]}}", false),
                Arguments.of(EC2, "{\"detail\":{\"c-count\":[5]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"c-count\":[5.0]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"c-count\":[\"5\"]}}", false),
                Arguments.of(EC2, "{\"detail\":{\"nothing\":[null]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"empty\":[\"\"]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"flag\":[true]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"flag\":[false]}}", false),
                Arguments.of(EC2, "{\"detail\":{\"missing\":[null]}}", false),
                Arguments.of(EC2, "{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Instance State-change Notification\"],"
                        + "\"detail\":{\"state\":[\"running\"]}}", false),
                // arrays: any value of the event against any of the pattern
                Arguments.of(EC2, "{\"resources\":[\"arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0\",\"x\"]}", true),
                Arguments.of(EC2, "{\"detail\":{\"tags\":[\"b\"]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"items\":{\"kind\":[\"y\"]}}}", true),
                Arguments.of(EC2, "{\"detail\":{\"items\":{\"kind\":[\"z\"]}}}", false),
                // prefix, suffix, equals-ignore-case
                Arguments.of(EC2, "{\"time\":[{\"prefix\":\"2017-12-22\"}]}", true),
                Arguments.of(EC2, "{\"time\":[{\"prefix\":\"2018\"}]}", false),
                Arguments.of(EC2, "{\"detail\":{\"state\":[{\"prefix\":{\"equals-ignore-case\":\"TERM\"}}]}}", true),
                Arguments.of(S3, "{\"detail\":{\"object\":{\"key\":[{\"suffix\":\".png\"}]}}}", false),
                Arguments.of(S3, "{\"detail\":{\"object\":{\"key\":[{\"suffix\":\".PNG\"}]}}}", true),
                Arguments.of(S3, "{\"detail\":{\"object\":{\"key\":[{\"suffix\":{\"equals-ignore-case\":\".png\"}}]}}}", true),
                Arguments.of(S3, "{\"detail-type\":[{\"equals-ignore-case\":\"object created\"}]}", true),
                // anything-but
                Arguments.of(EC2, "{\"detail\":{\"state\":[{\"anything-but\":\"initializing\"}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"state\":[{\"anything-but\":[\"stopped\",\"terminated\"]}]}}", false),
                Arguments.of(EC2, "{\"detail\":{\"c-count\":[{\"anything-but\":[1,2,3]}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"c-count\":[{\"anything-but\":5}]}}", false),
                Arguments.of(EC2, "{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"init\"}}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"term\"}}]}}", false),
                Arguments.of(S3, "{\"detail\":{\"object\":{\"key\":[{\"anything-but\":{\"suffix\":\".txt\"}}]}}}", true),
                Arguments.of(EC2, "{\"detail\":{\"state\":[{\"anything-but\":{\"equals-ignore-case\":[\"STOPPED\",\"TERMINATED\"]}}]}}", false),
                Arguments.of(EC2, "{\"detail\":{\"state\":[{\"anything-but\":{\"wildcard\":\"*ated\"}}]}}", false),
                Arguments.of(EC2, "{\"detail\":{\"missing\":[{\"anything-but\":\"x\"}]}}", false),
                // numeric
                Arguments.of(EC2, "{\"detail\":{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"d-count\":[{\"numeric\":[\"<\",10]}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"x-limit\":[{\"numeric\":[\"=\",3.018e2]}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"x-limit\":[{\"numeric\":[\">=\",302]}]}}", false),
                Arguments.of(EC2, "{\"detail\":{\"state\":[{\"numeric\":[\">\",0]}]}}", false),
                // exists
                Arguments.of(EC2, "{\"detail\":{\"state\":[{\"exists\":true}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"state\":[{\"exists\":false}]}}", false),
                Arguments.of(EC2, "{\"detail\":{\"missing\":[{\"exists\":false}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"missing\":[{\"exists\":true}]}}", false),
                Arguments.of(EC2, "{\"detail\":{\"items\":[{\"exists\":true}]}}", false),
                // cidr
                Arguments.of(EC2, "{\"detail\":{\"source-ip\":[{\"cidr\":\"10.0.0.0/24\"}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"source-ip\":[{\"cidr\":\"10.0.1.0/24\"}]}}", false),
                // wildcard
                Arguments.of(EC2, "{\"detail\":{\"location\":[{\"wildcard\":\"eu-*\"}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"location\":[{\"wildcard\":\"*-central-*\"}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"location\":[{\"wildcard\":\"us-*\"}]}}", false),
                Arguments.of(S3, "{\"detail\":{\"object\":{\"key\":[{\"wildcard\":\"uploads/*.PNG\"}]}}}", true),
                Arguments.of(S3, "{\"detail\":{\"object\":{\"key\":[{\"wildcard\":\"uploads/\\\\*\"}]}}}", false),
                // $or
                Arguments.of(EC2, "{\"detail\":{\"$or\":[{\"c-count\":[{\"numeric\":[\">\",10]}]},{\"d-count\":[{\"numeric\":[\"<\",5]}]}]}}", true),
                Arguments.of(EC2, "{\"detail\":{\"$or\":[{\"c-count\":[{\"numeric\":[\">\",10]}]},{\"d-count\":[{\"numeric\":[\">\",5]}]}]}}", false),
                Arguments.of(EC2, "{\"source\":[\"aws.ec2\"],\"$or\":[{\"region\":[\"us-east-1\"]},{\"detail\":{\"state\":[\"terminated\"]}}]}", true));
    }

    @ParameterizedTest(name = "{1} → {2}")
    @MethodSource("table")
    void matchesAsAwsDocuments(String event, String pattern, boolean matches) {
        assertThat(EventPattern.parse(pattern).matches(event)).isEqualTo(matches);
    }

    static Stream<String> invalid() {
        return Stream.of("[]", "{\"source\":\"aws.ec2\"}", "{\"source\":[]}", "{\"detail\":{}}", "not json",
                "{\"a\":[{\"prefix\":5}]}", "{\"a\":[{\"numeric\":[\">\"]}]}", "{\"a\":[{\"numeric\":[\">\",1,\">\",2]}]}",
                "{\"a\":[{\"numeric\":[\"!\",1]}]}", "{\"a\":[{\"numeric\":[\">\",6e9]}]}", "{\"a\":[{\"exists\":\"yes\"}]}",
                "{\"a\":[{\"cidr\":\"10.0.0.0\"}]}", "{\"a\":[{\"wildcard\":\"a**b\"}]}", "{\"a\":[{\"bogus\":1}]}",
                "{\"$or\":[{\"a\":[1]}]}", "{\"a\":[{\"anything-but\":[true]}]}", "{\"a\":[{\"prefix\":\"x\",\"suffix\":\"y\"}]}");
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesWhatAwsRefuses(String pattern) {
        assertThatThrownBy(() -> EventPattern.parse(pattern)).isInstanceOf(EventPattern.InvalidEventPattern.class);
    }
}
