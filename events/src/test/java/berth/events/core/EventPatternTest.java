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
                // numbers too large for a double match only their like, and never a range
                Arguments.of("{\"detail\":{\"big\":1e999}}", "{\"detail\":{\"big\":[1e400]}}", true),
                Arguments.of("{\"detail\":{\"big\":5}}", "{\"detail\":{\"big\":[1e400]}}", false),
                Arguments.of("{\"detail\":{\"big\":1e999}}", "{\"detail\":{\"big\":[{\"numeric\":[\">\",0]}]}}", false),
                Arguments.of("{\"detail\":{\"big\":1e999}}", "{\"detail\":{\"big\":[{\"anything-but\":[1]}]}}", true),
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

    private static final String AUTOSCALING = """
            {"version":"0","id":"3e3c153a-8339-4e30-8c35-687ebef853fe","detail-type":"EC2 Instance Launch Successful",
             "source":"aws.autoscaling","account":"123456789012","time":"2015-11-11T21:31:47Z","region":"us-east-1",
             "resources":[],"detail":{"eventVersion":"","responseElements":null}}""";
    private static final String MACIE = """
            {"version":"0","id":"3e355723-fca9-4de3-9fd7-154c289d6b59","detail-type":"Macie Alert","source":"aws.macie",
             "account":"123456789012","time":"2017-04-24T22:28:49Z","region":"us-east-1",
             "resources":["arn:aws:macie:us-east-1:123456789012:trigger/trigger_id/alert/alert_id",
                          "arn:aws:macie:us-east-1:123456789012:trigger/trigger_id"],
             "detail":{"notification-type":"ALERT_CREATED","name":"Scanning bucket policies","tags":["Custom_Alert","Insider"],
                       "risk-score":80,"trigger":{"alert-type":"basic","risk":8}}}""";
    private static final String RUNNING = """
            {"version":"0","id":"ddddd4-aaaa-7777-4444-345dd43cc333","detail-type":"EC2 Instance State-change Notification",
             "source":"aws.ec2","account":"012345679012","time":"2017-10-02T16:24:49Z","region":"us-east-1",
             "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
             "detail":{"c-count":5,"d-count":3,"x-limit":301.8,"source-ip":"10.0.0.33","instance-id":"i-000000aaaaaa00000",
                       "state":"running"}}""";
    private static final String PENDING = """
            {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"EC2 Instance State-change Notification",
             "source":"aws.ec2","account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",
             "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
             "detail":{"instance-id":"i-abcd1111","state":"pending"}}""";
    private static final String C_COUNT_OBJECT = """
            {"detail-type":"EC2 Instance State-change Notification",
             "resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341"],
             "detail":{"c-count":{"c1":100}}}""";
    private static final String ASG_RESOURCES = """
            {"resources":["arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate",
                          "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}""";

    private static String detail(String fields) {
        return "{\"source\":\"com.example\",\"detail\":{" + fields + "}}";
    }

    /** The examples of AWS's "Event patterns" and "Content filtering" pages, each one matching and one not. */
    static Stream<Arguments> documented() {
        return Stream.of(
                // Event patterns: the EC2 termination pattern, several values, Macie's nested values
                Arguments.of(EC2, "{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Instance State-change Notification\"],"
                        + "\"detail\":{\"state\":[\"terminated\"]}}", true),
                Arguments.of(PENDING, "{\"source\":[\"aws.ec2\"],\"detail-type\":[\"EC2 Instance State-change Notification\"],"
                        + "\"detail\":{\"state\":[\"terminated\"]}}", false),
                Arguments.of(EC2, "{\"source\":[\"aws.ec2\",\"aws.fargate\"]}", true),
                Arguments.of(MACIE, "{\"source\":[\"aws.ec2\",\"aws.fargate\"]}", false),
                Arguments.of(MACIE, "{\"source\":[\"aws.macie\"],\"detail-type\":[\"Macie Alert\"],"
                        + "\"detail\":{\"risk-score\":[80],\"trigger\":{\"risk\":[8]}}}", true),
                Arguments.of(MACIE, "{\"source\":[\"aws.macie\"],\"detail-type\":[\"Macie Alert\"],"
                        + "\"detail\":{\"risk-score\":[80],\"trigger\":{\"risk\":[9]}}}", false),
                Arguments.of(MACIE, "{\"detail\":{\"tags\":[\"Insider\"]}}", true),
                // null values and empty strings are not interchangeable
                Arguments.of(AUTOSCALING, "{\"source\":[\"aws.autoscaling\"],\"detail-type\":[\"EC2 Instance Launch Successful\"],"
                        + "\"detail\":{\"responseElements\":[null]}}", true),
                Arguments.of(AUTOSCALING, "{\"detail\":{\"eventVersion\":[\"\"]}}", true),
                Arguments.of(AUTOSCALING, "{\"detail\":{\"eventVersion\":[null]}}", false),
                Arguments.of(AUTOSCALING, "{\"detail\":{\"responseElements\":[\"\"]}}", false),
                // arrays: the pattern's and the event's arrays intersect
                Arguments.of(ASG_RESOURCES, "{\"resources\":[\"arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f\","
                        + "\"arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f\",\"arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f\"]}", true),
                Arguments.of(ASG_RESOURCES, "{\"resources\":[\"arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f\"]}", false),
                Arguments.of(AUTOSCALING, "{\"resources\":[{\"exists\":false}]}", true),
                // prefix, with equals-ignore-case
                Arguments.of(RUNNING, "{\"time\":[{\"prefix\":\"2017-10-02\"}]}", true),
                Arguments.of(PENDING, "{\"time\":[{\"prefix\":\"2017-10-02\"}]}", false),
                Arguments.of(detail("\"service\":\"eventbridge\""), "{\"detail\":{\"service\":[{\"prefix\":{\"equals-ignore-case\":\"EventB\"}}]}}", true),
                Arguments.of(detail("\"service\":\"EVENTBRIDGE\""), "{\"detail\":{\"service\":[{\"prefix\":{\"equals-ignore-case\":\"EventB\"}}]}}", true),
                Arguments.of(detail("\"service\":\"Bridge\""), "{\"detail\":{\"service\":[{\"prefix\":{\"equals-ignore-case\":\"EventB\"}}]}}", false),
                Arguments.of(detail("\"Region\":\"us-west-2\""), "{\"detail\":{\"Region\":[{\"prefix\":\"us-\"}]}}", true),
                Arguments.of(detail("\"Region\":\"eu-west-2\""), "{\"detail\":{\"Region\":[{\"prefix\":\"us-\"}]}}", false),
                // suffix, with equals-ignore-case
                Arguments.of("{\"FileName\":\"photo.png\"}", "{\"FileName\":[{\"suffix\":\".png\"}]}", true),
                Arguments.of("{\"FileName\":\"photo.PNG\"}", "{\"FileName\":[{\"suffix\":\".png\"}]}", false),
                Arguments.of(detail("\"FileName\":\"photo.PNG\""), "{\"detail\":{\"FileName\":[{\"suffix\":{\"equals-ignore-case\":\".png\"}}]}}", true),
                Arguments.of(detail("\"FileName\":\"photo.jpg\""), "{\"detail\":{\"FileName\":[{\"suffix\":{\"equals-ignore-case\":\".png\"}}]}}", false),
                // equals-ignore-case
                Arguments.of(detail("\"Name\":\"ALICE\""), "{\"detail\":{\"Name\":[{\"equals-ignore-case\":\"alice\"}]}}", true),
                Arguments.of(detail("\"Name\":\"Alicia\""), "{\"detail\":{\"Name\":[{\"equals-ignore-case\":\"alice\"}]}}", false),
                // anything-but: a value, a list, prefix, suffix, equals-ignore-case, wildcard, each alone or as a list
                Arguments.of(RUNNING, "{\"detail\":{\"state\":[{\"anything-but\":\"initializing\"}]}}", true),
                Arguments.of(detail("\"state\":\"initializing\""), "{\"detail\":{\"state\":[{\"anything-but\":\"initializing\"}]}}", false),
                Arguments.of(detail("\"x-limit\":124"), "{\"detail\":{\"x-limit\":[{\"anything-but\":123}]}}", true),
                Arguments.of(detail("\"x-limit\":123.0"), "{\"detail\":{\"x-limit\":[{\"anything-but\":123}]}}", false),
                Arguments.of(RUNNING, "{\"detail\":{\"state\":[{\"anything-but\":[\"stopped\",\"overloaded\"]}]}}", true),
                Arguments.of(detail("\"state\":\"overloaded\""), "{\"detail\":{\"state\":[{\"anything-but\":[\"stopped\",\"overloaded\"]}]}}", false),
                Arguments.of(RUNNING, "{\"detail\":{\"x-limit\":[{\"anything-but\":[100,200,300]}]}}", true),
                Arguments.of(detail("\"x-limit\":200"), "{\"detail\":{\"x-limit\":[{\"anything-but\":[100,200,300]}]}}", false),
                Arguments.of(RUNNING, "{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"init\"}}]}}", true),
                Arguments.of(detail("\"state\":\"initializing\""), "{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"init\"}}]}}", false),
                Arguments.of(detail("\"Region\":\"eu-west-1\""), "{\"detail\":{\"Region\":[{\"anything-but\":{\"prefix\":[\"us-\",\"ap-\"]}}]}}", true),
                Arguments.of(detail("\"Region\":\"ap-south-1\""), "{\"detail\":{\"Region\":[{\"anything-but\":{\"prefix\":[\"us-\",\"ap-\"]}}]}}", false),
                Arguments.of(detail("\"FileName\":\"a.jpg\""), "{\"detail\":{\"FileName\":[{\"anything-but\":{\"suffix\":\".png\"}}]}}", true),
                Arguments.of(detail("\"FileName\":\"a.png\""), "{\"detail\":{\"FileName\":[{\"anything-but\":{\"suffix\":\".png\"}}]}}", false),
                Arguments.of(detail("\"FileName\":\"a.txt\""), "{\"detail\":{\"FileName\":[{\"anything-but\":{\"suffix\":[\".png\",\".jpg\"]}}]}}", true),
                Arguments.of(detail("\"FileName\":\"a.jpg\""), "{\"detail\":{\"FileName\":[{\"anything-but\":{\"suffix\":[\".png\",\".jpg\"]}}]}}", false),
                Arguments.of(RUNNING, "{\"detail\":{\"state\":[{\"anything-but\":{\"equals-ignore-case\":\"initializing\"}}]}}", true),
                Arguments.of(detail("\"state\":\"INITIALIZING\""), "{\"detail\":{\"state\":[{\"anything-but\":{\"equals-ignore-case\":\"initializing\"}}]}}", false),
                Arguments.of(RUNNING, "{\"detail\":{\"state\":[{\"anything-but\":{\"equals-ignore-case\":[\"Stopped\",\"OverLoaded\"]}}]}}", true),
                Arguments.of(detail("\"state\":\"STOPPED\""), "{\"detail\":{\"state\":[{\"anything-but\":{\"equals-ignore-case\":[\"Stopped\",\"OverLoaded\"]}}]}}", false),
                Arguments.of(detail("\"FilePath\":\"/usr/bin/x\""), "{\"detail\":{\"FilePath\":[{\"anything-but\":{\"wildcard\":\"*/lib/*\"}}]}}", true),
                Arguments.of(detail("\"FilePath\":\"/usr/lib/x\""), "{\"detail\":{\"FilePath\":[{\"anything-but\":{\"wildcard\":\"*/lib/*\"}}]}}", false),
                Arguments.of(detail("\"FilePath\":\"/etc/x\""), "{\"detail\":{\"FilePath\":[{\"anything-but\":{\"wildcard\":[\"*/lib/*\",\"*/bin/*\"]}}]}}", true),
                Arguments.of(detail("\"FilePath\":\"/usr/bin/x\""), "{\"detail\":{\"FilePath\":[{\"anything-but\":{\"wildcard\":[\"*/lib/*\",\"*/bin/*\"]}}]}}", false),
                Arguments.of(detail("\"state\":5"), "{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"init\"}}]}}", true),
                // numeric: every condition must hold
                Arguments.of(RUNNING, "{\"detail\":{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}],\"d-count\":[{\"numeric\":[\"<\",10]}],"
                        + "\"x-limit\":[{\"numeric\":[\"=\",3.018e2]}]}}", true),
                Arguments.of(detail("\"c-count\":6,\"d-count\":3,\"x-limit\":301.8"), "{\"detail\":{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}],"
                        + "\"d-count\":[{\"numeric\":[\"<\",10]}],\"x-limit\":[{\"numeric\":[\"=\",3.018e2]}]}}", false),
                Arguments.of(detail("\"Price\":100"), "{\"detail\":{\"Price\":[{\"numeric\":[\"=\",100]}]}}", true),
                Arguments.of(detail("\"Price\":\"100\""), "{\"detail\":{\"Price\":[{\"numeric\":[\"=\",100]}]}}", false),
                Arguments.of(detail("\"Price\":20"), "{\"detail\":{\"Price\":[{\"numeric\":[\">\",10,\"<=\",20]}]}}", true),
                Arguments.of(detail("\"Price\":10"), "{\"detail\":{\"Price\":[{\"numeric\":[\">\",10,\"<=\",20]}]}}", false),
                Arguments.of(detail("\"Price\":6e9"), "{\"detail\":{\"Price\":[{\"numeric\":[\">\",0]}]}}", false),
                // IP addresses, IPv4 and IPv6
                Arguments.of(detail("\"sourceIPAddress\":\"10.0.0.255\""), "{\"detail\":{\"sourceIPAddress\":[{\"cidr\":\"10.0.0.0/24\"}]}}", true),
                Arguments.of(detail("\"sourceIPAddress\":\"10.0.1.0\""), "{\"detail\":{\"sourceIPAddress\":[{\"cidr\":\"10.0.0.0/24\"}]}}", false),
                Arguments.of(detail("\"sourceIPAddress\":\"2001:db8:1234:1a00::5\""), "{\"detail\":{\"sourceIPAddress\":[{\"cidr\":\"2001:db8:1234:1a00::/64\"}]}}", true),
                Arguments.of(detail("\"sourceIPAddress\":\"2001:db8:1234:1b00::5\""), "{\"detail\":{\"sourceIPAddress\":[{\"cidr\":\"2001:db8:1234:1a00::/64\"}]}}", false),
                Arguments.of(detail("\"sourceIPAddress\":\"cafe\""), "{\"detail\":{\"sourceIPAddress\":[{\"cidr\":\"10.0.0.0/8\"}]}}", false),
                Arguments.of(detail("\"ip\":\"10.0.0.07\""), "{\"detail\":{\"ip\":[{\"cidr\":\"10.0.0.0/8\"}]}}", false),
                Arguments.of(detail("\"ip\":\"::ffff:10.0.0.7\""), "{\"detail\":{\"ip\":[{\"cidr\":\"::ffff:10.0.0.0/120\"}]}}", true),
                Arguments.of(detail("\"ip\":\"::ffff:10.0.0.7\""), "{\"detail\":{\"ip\":[{\"cidr\":\"10.0.0.0/8\"}]}}", false),
                Arguments.of(detail("\"ip\":\"::\""), "{\"detail\":{\"ip\":[{\"cidr\":\"::/0\"}]}}", true),
                Arguments.of(detail("\"ip\":\"1::2::3\""), "{\"detail\":{\"ip\":[{\"cidr\":\"::/0\"}]}}", false),
                Arguments.of(detail("\"ip\":\"1:2:3:4:5:6:7:8:9\""), "{\"detail\":{\"ip\":[{\"cidr\":\"::/0\"}]}}", false),
                Arguments.of(detail("\"ip\":\"2001:DB8::1\""), "{\"detail\":{\"ip\":[{\"cidr\":\"2001:db8::/32\"}]}}", true),
                // exists looks at leaves only
                Arguments.of(PENDING, "{\"detail\":{\"state\":[{\"exists\":true}]}}", true),
                Arguments.of(C_COUNT_OBJECT, "{\"detail\":{\"state\":[{\"exists\":true}]}}", false),
                Arguments.of(PENDING, "{\"detail\":{\"c-count\":[{\"exists\":false}]}}", true),
                Arguments.of(C_COUNT_OBJECT, "{\"detail\":{\"c-count\":[{\"exists\":false}]}}", true),
                Arguments.of(RUNNING, "{\"detail\":{\"c-count\":[{\"exists\":false}]}}", false),
                Arguments.of(PENDING, "{\"detail\":{\"state\":[{\"exists\":false},\"running\"]}}", false),
                Arguments.of(RUNNING, "{\"detail\":{\"state\":[{\"exists\":false},\"running\"]}}", true),
                // wildcard, with an escaped star
                Arguments.of("{\"EventBusArn\":\"arn:aws:events:us-east-1:123456789012:event-bus/orders\"}",
                        "{\"EventBusArn\":[{\"wildcard\":\"arn:aws:events:us-east-1:*:event-bus/*\"}]}", true),
                Arguments.of("{\"EventBusArn\":\"arn:aws:events:us-west-2:123456789012:event-bus/orders\"}",
                        "{\"EventBusArn\":[{\"wildcard\":\"arn:aws:events:us-east-1:*:event-bus/*\"}]}", false),
                Arguments.of(detail("\"FilePath\":\"dir/dir2/abc.png\""), "{\"detail\":{\"FilePath\":[{\"wildcard\":\"dir/*.png\"}]}}", true),
                Arguments.of(detail("\"FilePath\":\"dir/abc.jpg\""), "{\"detail\":{\"FilePath\":[{\"wildcard\":\"dir/*.png\"}]}}", false),
                Arguments.of(detail("\"FilePath\":\"dir/*.png\""), "{\"detail\":{\"FilePath\":[{\"wildcard\":\"dir/\\\\*.png\"}]}}", true),
                Arguments.of(detail("\"FilePath\":\"dir/a.png\""), "{\"detail\":{\"FilePath\":[{\"wildcard\":\"dir/\\\\*.png\"}]}}", false),
                Arguments.of(detail("\"FilePath\":\"a\\\\b\""), "{\"detail\":{\"FilePath\":[{\"wildcard\":\"a\\\\\\\\*\"}]}}", true),
                // $or
                Arguments.of(detail("\"c-count\":9,\"d-count\":20,\"x-limit\":301.8"), "{\"detail\":{\"$or\":[{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}]},"
                        + "{\"d-count\":[{\"numeric\":[\"<\",10]}]},{\"x-limit\":[{\"numeric\":[\"=\",3.018e2]}]}]}}", true),
                Arguments.of(detail("\"c-count\":9,\"d-count\":20,\"x-limit\":300"), "{\"detail\":{\"$or\":[{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}]},"
                        + "{\"d-count\":[{\"numeric\":[\"<\",10]}]},{\"x-limit\":[{\"numeric\":[\"=\",3.018e2]}]}]}}", false),
                Arguments.of("{\"source\":\"aws.cloudwatch\",\"namespace\":\"AWS/ES\"}", "{\"source\":[\"aws.cloudwatch\"],"
                        + "\"$or\":[{\"metricName\":[\"CPUUtilization\",\"ReadLatency\"]},{\"namespace\":[\"AWS/EC2\",\"AWS/ES\"]}]}", true),
                Arguments.of("{\"source\":\"aws.cloudwatch\",\"namespace\":\"AWS/S3\"}", "{\"source\":[\"aws.cloudwatch\"],"
                        + "\"$or\":[{\"metricName\":[\"CPUUtilization\",\"ReadLatency\"]},{\"namespace\":[\"AWS/EC2\",\"AWS/ES\"]}]}", false),
                Arguments.of("{\"source\":\"aws.cloudwatch\",\"metricType\":\"MetricType\",\"namespace\":\"AWS/EC2\",\"spaceId\":1000}",
                        "{\"source\":[\"aws.cloudwatch\"],\"$or\":[{\"metricName\":[\"CPUUtilization\"]},{\"metricType\":[\"MetricType\"],"
                        + "\"namespace\":[\"AWS/EC2\",\"AWS/ES\"],\"$or\":[{\"metricId\":[1234]},{\"spaceId\":[1000]}]},{\"scope\":[\"Service\"]}]}", true),
                Arguments.of("{\"source\":\"aws.cloudwatch\",\"metricType\":\"MetricType\",\"namespace\":\"AWS/EC2\",\"spaceId\":1001}",
                        "{\"source\":[\"aws.cloudwatch\"],\"$or\":[{\"metricName\":[\"CPUUtilization\"]},{\"metricType\":[\"MetricType\"],"
                        + "\"namespace\":[\"AWS/EC2\",\"AWS/ES\"],\"$or\":[{\"metricId\":[1234]},{\"spaceId\":[1000]}]},{\"scope\":[\"Service\"]}]}", false),
                // keys are joined with dots, in patterns and in events alike
                Arguments.of("{\"detail\":{\"state\":{\"status\":\"running\"}}}", "{\"detail\":{\"state\":{\"status\":[\"running\"]}}}", true),
                Arguments.of("{\"detail\":{\"state.status\":\"running\"}}", "{\"detail\":{\"state\":{\"status\":[\"running\"]}}}", true),
                Arguments.of("{\"detail\":{\"state\":{\"status\":\"running\"}}}", "{\"detail\":{\"state.status\":[\"running\"]}}", true),
                Arguments.of("{\"detail\":{\"state.status\":\"running\"}}", "{\"detail\":{\"state.status\":[\"running\"]}}", true),
                Arguments.of("{\"detail\":{\"state.status\":\"stopped\"}}", "{\"detail\":{\"state.status\":[\"running\"]}}", false),
                Arguments.of("{\"detail\":{\"state\":{\"status\":\"stopped\"}}}", "{\"detail.state.status\":[\"running\"]}", false),
                // duplicate fields: the last one counts, in patterns and in events
                Arguments.of("{\"source\":\"aws.sns\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventSource\":\"sns.amazonaws.com\"}}",
                        "{\"source\":[\"aws.s3\"],\"source\":[\"aws.sns\"],\"detail-type\":[\"AWS API Call via CloudTrail\"],"
                        + "\"detail\":{\"eventSource\":[\"s3.amazonaws.com\"],\"eventSource\":[\"sns.amazonaws.com\"]}}", true),
                Arguments.of("{\"source\":\"aws.s3\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventSource\":\"s3.amazonaws.com\"}}",
                        "{\"source\":[\"aws.s3\"],\"source\":[\"aws.sns\"],\"detail-type\":[\"AWS API Call via CloudTrail\"],"
                        + "\"detail\":{\"eventSource\":[\"s3.amazonaws.com\"],\"eventSource\":[\"sns.amazonaws.com\"]}}", false),
                Arguments.of("{\"source\":\"aws.s3\",\"source\":\"aws.sns\",\"detail\":[{\"eventSource\":\"s3.amazonaws.com\",\"eventSource\":\"sns.amazonaws.com\"}]}",
                        "{\"source\":[\"aws.sns\"],\"detail\":{\"eventSource\":[\"sns.amazonaws.com\"]}}", true),
                // a key given twice: the last one counts
                Arguments.of(detail("\"location\":\"eu-west\""), "{\"detail\":{\"location\":[{\"prefix\":\"us-\"}],"
                        + "\"location\":[{\"anything-but\":\"us-east\"}]}}", true),
                Arguments.of(detail("\"location\":\"us-east\""), "{\"detail\":{\"location\":[{\"prefix\":\"us-\"}],"
                        + "\"location\":[{\"anything-but\":\"us-east\"}]}}", false));
    }

    @ParameterizedTest(name = "{1} → {2}")
    @MethodSource("documented")
    void matchesAwsDocumentedExamples(String event, String pattern, boolean matches) {
        assertThat(EventPattern.parse(pattern).matches(event)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{1} → {2}")
    @MethodSource("table")
    void matchesAsAwsDocuments(String event, String pattern, boolean matches) {
        assertThat(EventPattern.parse(pattern).matches(event)).isEqualTo(matches);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("[]", "Filter is not an object"),
                Arguments.of("not json", "Filter is not valid JSON"),
                Arguments.of("{}", "Empty objects are not allowed"),
                Arguments.of("{\"detail\":{}}", "Empty objects are not allowed at detail"),
                Arguments.of("{\"source\":\"aws.ec2\"}", "\"source\" must be an object or an array"),
                Arguments.of("{\"source\":[]}", "Empty arrays are not allowed at source"),
                Arguments.of("{\"a\":[[1]]}", "Match value must be String, number, true, false, or null"),
                Arguments.of("{\"a\":[{}]}", "Match expression name not found"),
                Arguments.of("{\"a\":[{\"bogus\":1}]}", "Unrecognized match type bogus at a"),
                Arguments.of("{\"a\":[{\"prefix\":\"x\",\"suffix\":\"y\"}]}", "Only one key allowed in match expression"),
                Arguments.of("{\"a\":[{\"prefix\":5}]}", "prefix match pattern must be a string"),
                Arguments.of("{\"a\":[{\"prefix\":{\"bogus\":\"x\"}}]}", "Unsupported prefix pattern: bogus"),
                Arguments.of("{\"a\":[{\"suffix\":{\"equals-ignore-case\":5}}]}", "equals-ignore-case match pattern must be a string"),
                Arguments.of("{\"a\":[{\"equals-ignore-case\":[\"x\"]}]}", "equals-ignore-case match pattern must be a string"),
                Arguments.of("{\"a\":[{\"numeric\":\">\"}]}", "Value of numeric must be an array"),
                Arguments.of("{\"a\":[{\"numeric\":[]}]}", "Invalid member in numeric match"),
                Arguments.of("{\"a\":[{\"numeric\":[\">\"]}]}", "Value of > must be numeric"),
                Arguments.of("{\"a\":[{\"numeric\":[\">\",\"1\"]}]}", "Value of > must be numeric"),
                Arguments.of("{\"a\":[{\"numeric\":[\"!\",1]}]}", "Unrecognized numeric range operator: !"),
                Arguments.of("{\"a\":[{\"numeric\":[\">\",1,\">\",2]}]}", "Bad numeric range operator: >"),
                Arguments.of("{\"a\":[{\"numeric\":[\"<\",10,\">\",0]}]}", "Too many elements in numeric expression"),
                Arguments.of("{\"a\":[{\"numeric\":[\"=\",1,\"<\",3]}]}", "Too many elements in numeric expression"),
                Arguments.of("{\"a\":[{\"numeric\":[\">\",1,\"<\",3,\"<\",4]}]}", "Too many terms in numeric range expression"),
                Arguments.of("{\"a\":[{\"numeric\":[\">\",5,\"<\",5]}]}", "Bottom must be less than top"),
                Arguments.of("{\"a\":[{\"numeric\":[\">\",6e9]}]}", "must be between -5.0E9 and 5.0E9 inclusive"),
                Arguments.of("{\"a\":[{\"numeric\":[\">\",1e400]}]}", "must be between -5.0E9 and 5.0E9 inclusive"),
                Arguments.of("{\"a\":[{\"anything-but\":[6e9]}]}", "Value must be between -5.0E9 and 5.0E9, inclusive"),
                Arguments.of("{\"a\":[{\"exists\":\"yes\"}]}", "exists match pattern must be either true or false"),
                Arguments.of("{\"a\":[{\"exists\":true,\"prefix\":\"x\"}]}", "Only one key allowed in match expression"),
                Arguments.of("{\"a\":[{\"cidr\":\"10.0.0.0\"}]}", "Malformed CIDR"),
                Arguments.of("{\"a\":[{\"cidr\":\"10.0.0.0/33\"}]}", "Malformed CIDR"),
                Arguments.of("{\"a\":[{\"cidr\":\"example.com/8\"}]}", "Malformed CIDR"),
                Arguments.of("{\"a\":[{\"wildcard\":\"a**b\"}]}", "Consecutive wildcard characters at pos 2"),
                Arguments.of("{\"a\":[{\"wildcard\":\"a\\\\b\"}]}", "Invalid escape character at pos 1"),
                Arguments.of("{\"a\":[{\"wildcard\":5}]}", "wildcard match pattern must be a string"),
                Arguments.of("{\"a\":[{\"anything-but\":[true]}]}", "start|null|boolean is not supported"),
                Arguments.of("{\"a\":[{\"anything-but\":null}]}", "start|null|boolean is not supported"),
                Arguments.of("{\"a\":[{\"anything-but\":[\"a\",1]}]}", "mixed type is not supported"),
                Arguments.of("{\"a\":[{\"anything-but\":[]}]}", "mixed type is not supported"),
                Arguments.of("{\"a\":[{\"anything-but\":{\"prefix\":\"\"}}]}", "Null prefix/suffix not allowed"),
                Arguments.of("{\"a\":[{\"anything-but\":{\"suffix\":[\"x\",5]}}]}", "prefix/suffix match pattern must be a string"),
                Arguments.of("{\"a\":[{\"anything-but\":{\"bogus\":\"x\"}}]}", "Unsupported anything-but pattern: bogus"),
                Arguments.of("{\"a\":[{\"anything-but\":{\"prefix\":\"a\",\"suffix\":\"b\"}}]}", "Too many elements"),
                Arguments.of("{\"a\":[{\"anything-but\":{\"wildcard\":[\"a**\"]}}]}", "Consecutive wildcard characters"),
                Arguments.of("{\"a\":[{\"anything-but\":{\"equals-ignore-case\":[1]}}]}", "number|start|null|boolean is not supported"),
                Arguments.of("{\"$or\":[{\"a\":[1]}]}", "There must have at least 2 Objects in $or relationship"),
                Arguments.of("{\"$or\":{\"a\":[1]}}", "It must be an Array followed with $or"),
                Arguments.of("{\"$or\":[{\"a\":[1]},\"b\"]}", "Only JSON object is allowed in array of $or relationship"),
                Arguments.of("{\"$or\":[{\"a\":[1]},{}]}", "Empty objects are not allowed"),
                Arguments.of("{\"$or\":[{\"prefix\":[\"x\"]},{\"a\":[1]}]}", "prefix is Ruler reserved fieldName which cannot be used inside $or"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("invalid")
    void refusesWhatAwsRefusesWithItsReason(String pattern, String reason) {
        assertThatThrownBy(() -> EventPattern.parse(pattern))
                .isInstanceOf(EventPattern.InvalidEventPattern.class)
                .hasMessageContaining(reason);
    }
}
