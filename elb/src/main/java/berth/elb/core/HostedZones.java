package berth.elb.core;

import java.util.Map;

/** The canonical hosted zone ids AWS publishes for load balancers, by region. */
final class HostedZones {
    private static final Map<String, String> APPLICATION = Map.of(
            "us-east-1", "Z35SXDOTRQ7X7K", "us-east-2", "Z3AADJGX6KTTL2", "us-west-1", "Z368ELLRRE2KJ0",
            "us-west-2", "Z1H1FL5HABSF5", "eu-west-1", "Z32O12XQLNTSW2", "eu-central-1", "Z215JYRZR1TBD5",
            "ap-northeast-1", "Z14GRHDCWA56QT", "ap-southeast-1", "Z1LMS91P8CMLE5", "ap-southeast-2", "Z1GM3OXH4ZPM65");
    private static final Map<String, String> NETWORK = Map.of(
            "us-east-1", "Z26RNL4JYFTOTI", "us-east-2", "ZLMOA37VPKANP", "us-west-1", "Z24FKFUX50B4VW",
            "us-west-2", "Z18D5FSROUN65G", "eu-west-1", "Z2IFOLAFXWLO4F", "eu-central-1", "Z3F0SRJ5LGBH90",
            "ap-northeast-1", "Z31USIVHYNEOWT", "ap-southeast-1", "ZKVM4W9LS7TM", "ap-southeast-2", "ZCT6FZBF4DROD");

    private HostedZones() {}

    static String of(LoadBalancerType type, String region) {
        Map<String, String> zones = type == LoadBalancerType.APPLICATION ? APPLICATION : NETWORK;
        return zones.getOrDefault(region, zones.get("us-east-1"));
    }
}
