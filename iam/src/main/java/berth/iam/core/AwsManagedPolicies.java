package berth.iam.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies berth knows and honours ({@code arn:aws:iam::aws:policy/...}), the ones
 * users attach to task roles and operators. {@code ReadOnlyAccess} is approximated by
 * {@code Describe*}/{@code List*}/{@code Get*} on the services berth serves.
 */
public final class AwsManagedPolicies {
    private static final Instant PUBLISHED = Instant.parse("2015-02-06T18:39:46Z");
    private static final List<String> READABLE_SERVICES = List.of("ecs", "ecr", "logs", "iam", "sts", "ssm",
            "elasticloadbalancing", "application-autoscaling", "events", "scheduler", "apprunner", "cloudwatch", "ec2",
            "autoscaling");

    private static final Map<String, ManagedPolicy> BY_ARN = new LinkedHashMap<>();

    static {
        add("AdministratorAccess", "/", "ANPAIWMBCKSKIEE64ZLYK", "Provides full access to AWS services and resources.",
                statement("Allow", "\"*\"", false));
        add("PowerUserAccess", "/", "ANPAJYRXTHIB4FOVS3ZXS",
                "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
                statement("Allow", "[\"iam:*\",\"organizations:*\",\"account:*\"]", true) + ","
                        + statement("Allow", "[\"iam:CreateServiceLinkedRole\",\"iam:DeleteServiceLinkedRole\","
                        + "\"iam:ListRoles\",\"organizations:DescribeOrganization\",\"account:ListRegions\","
                        + "\"account:GetAccountInformation\"]", false));
        add("ReadOnlyAccess", "/", "ANPAILL3HVNFSB6DCOWYQ", "Provides read-only access to AWS services and resources.",
                statement("Allow", readOnlyActions(), false));
        add("IAMFullAccess", "/", "ANPAI7XKCFMBPM3QQRRVQ", "Provides full access to IAM via the AWS Management Console.",
                statement("Allow", "\"iam:*\"", false));
        add("IAMReadOnlyAccess", "/", "ANPAJKSO7NDY4T57MWDSQ", "Provides read only access to IAM via the AWS Management Console.",
                statement("Allow", "[\"iam:GenerateCredentialReport\",\"iam:GenerateServiceLastAccessedDetails\","
                        + "\"iam:Get*\",\"iam:List*\",\"iam:SimulateCustomPolicy\",\"iam:SimulatePrincipalPolicy\"]", false));
        add("AmazonECSTaskExecutionRolePolicy", "/service-role/", "ANPAJG4T4G4PV56DE72PY",
                "Provides access to other AWS service resources that are required to run Amazon ECS tasks",
                statement("Allow", "[\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\","
                        + "\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchGetImage\",\"logs:CreateLogStream\","
                        + "\"logs:PutLogEvents\"]", false));
        add("AmazonEC2ContainerRegistryReadOnly", "/", "ANPAIFYZPA37OOHVIH7KQ",
                "Provides read-only access to Amazon EC2 Container Registry repositories.",
                statement("Allow", "[\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\","
                        + "\"ecr:GetDownloadUrlForLayer\",\"ecr:GetRepositoryPolicy\",\"ecr:DescribeRepositories\","
                        + "\"ecr:ListImages\",\"ecr:DescribeImages\",\"ecr:BatchGetImage\",\"ecr:GetLifecyclePolicy\","
                        + "\"ecr:GetLifecyclePolicyPreview\",\"ecr:ListTagsForResource\",\"ecr:DescribeImageScanFindings\"]", false));
        add("AmazonEC2ContainerRegistryPowerUser", "/", "ANPAJDNE5PIHROIBGGDDW",
                "Provides full access to Amazon EC2 Container Registry repositories, but does not allow repository deletion"
                        + " or policy changes.",
                statement("Allow", "[\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\","
                        + "\"ecr:GetDownloadUrlForLayer\",\"ecr:GetRepositoryPolicy\",\"ecr:DescribeRepositories\","
                        + "\"ecr:ListImages\",\"ecr:DescribeImages\",\"ecr:BatchGetImage\",\"ecr:GetLifecyclePolicy\","
                        + "\"ecr:GetLifecyclePolicyPreview\",\"ecr:ListTagsForResource\",\"ecr:DescribeImageScanFindings\","
                        + "\"ecr:InitiateLayerUpload\",\"ecr:UploadLayerPart\",\"ecr:CompleteLayerUpload\",\"ecr:PutImage\"]", false));
        add("AmazonEC2ContainerServiceforEC2Role", "/service-role/", "ANPAJLYJCVHC7TQHCSQDS",
                "Default policy for the Amazon EC2 Role for Amazon EC2 Container Service.",
                statement("Allow", "[\"ec2:DescribeTags\",\"ecs:CreateCluster\",\"ecs:DeregisterContainerInstance\","
                        + "\"ecs:DiscoverPollEndpoint\",\"ecs:Poll\",\"ecs:RegisterContainerInstance\","
                        + "\"ecs:StartTelemetrySession\",\"ecs:UpdateContainerInstancesState\",\"ecs:Submit*\","
                        + "\"ecr:GetAuthorizationToken\",\"ecr:BatchCheckLayerAvailability\",\"ecr:GetDownloadUrlForLayer\","
                        + "\"ecr:BatchGetImage\",\"logs:CreateLogStream\",\"logs:PutLogEvents\"]", false));
        add("AmazonEC2FullAccess", "/", "ANPAI3VAJF5ZCRZ7MCQE6", "Provides full access to Amazon EC2 via the AWS Management Console.",
                statement("Allow", "[\"ec2:*\",\"elasticloadbalancing:*\",\"autoscaling:*\",\"cloudwatch:*\"]", false));
        add("AutoScalingFullAccess", "/", "ANPAIAWRCSJDDIDWJZOGQ", "Provides full access to Auto Scaling.",
                statement("Allow", "[\"autoscaling:*\",\"cloudwatch:PutMetricAlarm\",\"ec2:Describe*\",\"ec2:RunInstances\","
                        + "\"ec2:CreateTags\",\"ec2:TerminateInstances\",\"iam:PassRole\"]", false));
        add("CloudWatchLogsFullAccess", "/", "ANPAJ3ZGNWK2R5HW5BQFO", "Provides full access to CloudWatch Logs",
                statement("Allow", "\"logs:*\"", false));
    }

    private AwsManagedPolicies() {}

    public static Optional<ManagedPolicy> find(String arn) {
        return Optional.ofNullable(BY_ARN.get(arn));
    }

    /** All of them, ordered by name. */
    public static List<ManagedPolicy> all() {
        List<ManagedPolicy> policies = new ArrayList<>(BY_ARN.values());
        policies.sort(Comparator.comparing(ManagedPolicy::name));
        return List.copyOf(policies);
    }

    private static void add(String name, String path, String policyId, String description, String statements) {
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
        PolicyParser.parse(document, PolicyParser.Kind.IDENTITY);
        ManagedPolicy policy = new ManagedPolicy(IamArns.AWS_MANAGED_ACCOUNT, name, path, policyId, description, PUBLISHED,
                PUBLISHED, "v1", List.of(new ManagedPolicy.Version("v1", document, PUBLISHED)), Map.of(), 1);
        BY_ARN.put(policy.arn(), policy);
    }

    private static String statement(String effect, String actions, boolean notAction) {
        return "{\"Effect\":\"" + effect + "\",\"" + (notAction ? "NotAction" : "Action") + "\":" + actions
                + ",\"Resource\":\"*\"}";
    }

    private static String readOnlyActions() {
        List<String> actions = new ArrayList<>();
        for (String service : READABLE_SERVICES) {
            for (String verb : List.of("Describe*", "List*", "Get*", "BatchGet*")) {
                actions.add("\"" + service + ":" + verb + "\"");
            }
        }
        actions.addAll(List.of("\"secretsmanager:DescribeSecret\"", "\"secretsmanager:ListSecrets\"",
                "\"secretsmanager:GetResourcePolicy\"", "\"secretsmanager:ListSecretVersionIds\""));
        return "[" + String.join(",", actions) + "]";
    }
}
