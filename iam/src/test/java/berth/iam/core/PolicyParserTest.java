package berth.iam.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyParserTest {

    @Test
    void readsEveryElement() {
        PolicyDocument document = Policies.identity("{'Version':'2012-10-17','Id':'x','Statement':[{'Sid':'One',"
                + "'Effect':'Deny','NotAction':['ecs:Delete*','ecr:*'],'NotResource':'arn:aws:ecs:*:*:cluster/keep',"
                + "'Condition':{'StringLike':{'aws:RequestedRegion':['us-*','eu-*']},'Bool':{'aws:SecureTransport':false},"
                + "'NumericLessThan':{'s3:max-keys':10}}}]}");
        assertThat(document.version()).isEqualTo("2012-10-17");
        PolicyDocument.Statement statement = document.statements().get(0);
        assertThat(statement.sid()).isEqualTo("One");
        assertThat(statement.effect()).isEqualTo(PolicyDocument.Effect.DENY);
        assertThat(statement.notAction()).isTrue();
        assertThat(statement.actions()).containsExactly("ecs:Delete*", "ecr:*");
        assertThat(statement.notResource()).isTrue();
        assertThat(statement.resources()).containsExactly("arn:aws:ecs:*:*:cluster/keep");
        assertThat(statement.conditions()).extracting(PolicyDocument.Condition::key)
                .containsExactly("aws:RequestedRegion", "aws:SecureTransport", "s3:max-keys");
        assertThat(statement.conditions().get(1).values()).containsExactly("false");
        assertThat(statement.conditions().get(2).values()).containsExactly("10");
    }

    @Test
    void aSingleStatementObjectAndNoVersionAreAccepted() {
        PolicyDocument document = Policies.identity("{'Statement':{'Effect':'Allow','Action':'*','Resource':'*'}}");
        assertThat(document.version()).isEqualTo(PolicyDocument.LEGACY_VERSION);
        assertThat(document.statements()).hasSize(1);
        assertThat(document.expandsVariables()).isFalse();
    }

    @Test
    void readsTrustPolicyPrincipals() {
        PolicyDocument trust = Policies.trust("{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':"
                + "{'AWS':['111122223333','arn:aws:iam::111122223333:user/alice'],'Service':'ecs-tasks.amazonaws.com'},"
                + "'Action':'sts:AssumeRole'}]}");
        PolicyDocument.Principals principals = trust.statements().get(0).principals();
        assertThat(principals.aws()).containsExactly("111122223333", "arn:aws:iam::111122223333:user/alice");
        assertThat(principals.services()).containsExactly("ecs-tasks.amazonaws.com");
        assertThat(Policies.trust("{'Statement':[{'Effect':'Allow','Principal':'*','Action':'sts:AssumeRole'}]}")
                .statements().get(0).principals().anyone()).isTrue();
    }

    /** kind | document (single quotes) | IAM's message */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "IDENTITY | {'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}] | This policy contains invalid Json",
            "IDENTITY | not json | This policy contains invalid Json",
            "IDENTITY | [] | Syntax errors in policy.",
            "IDENTITY | {'Version':'2012-10-17'} | Syntax errors in policy.",
            "IDENTITY | {'Version':'2012-10-17','Statement':[]} | Syntax errors in policy.",
            "IDENTITY | {'Version':'2012-10-18','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]} | The policy failed legacy parsing",
            "IDENTITY | {'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}],'Extra':1} | Syntax errors in policy.",
            "IDENTITY | {'Statement':[{'Effect':'Permit','Action':'*','Resource':'*'}]} | Syntax errors in policy.",
            "IDENTITY | {'Statement':[{'Action':'*','Resource':'*'}]} | Syntax errors in policy.",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Resource':'*'}]} | Policy statement must contain actions.",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Action':[],'Resource':'*'}]} | Policy statement must contain actions.",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Action':'*'}]} | Policy statement must contain resources.",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Action':'ListClusters','Resource':'*'}]} | Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Action':'*','Resource':'cluster/x'}]} | Resource cluster/x must be in ARN format or \"*\".",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Action':'*','Resource':'*','NotResource':'*'}]} | Syntax errors in policy.",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Action':'*','NotAction':'*','Resource':'*'}]} | Syntax errors in policy.",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Principal':'*'}]} | Policy document should not specify a principal.",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEqual':{'aws:x':'y'}}}]} | Invalid Condition type : StringEqual",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Condition':{'StringEquals':{'region':'y'}}}]} | Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
            "IDENTITY | {'Statement':[{'Sid':'a-b','Effect':'Allow','Action':'*','Resource':'*'}]} | Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*",
            "IDENTITY | {'Statement':[{'Sid':'a','Effect':'Allow','Action':'*','Resource':'*'},{'Sid':'a','Effect':'Deny','Action':'*','Resource':'*'}]} | Statement IDs (SID) in a single policy must be unique.",
            "IDENTITY | {'Statement':[{'Effect':'Allow','Action':'*','Resource':'*','Effect':'Deny'}]} | This policy contains invalid Json",
            "TRUST | {'Statement':[{'Effect':'Allow','Action':'sts:AssumeRole'}]} | Missing required field Principal",
            "TRUST | {'Statement':[{'Effect':'Allow','Principal':{'AWS':'*'},'Action':'sts:AssumeRole','Resource':'*'}]} | Has prohibited field Resource",
            "TRUST | {'Statement':[{'Effect':'Allow','Principal':{'AWS':'alice'},'Action':'sts:AssumeRole'}]} | Invalid principal in policy: \"AWS\":\"alice\"",
            "TRUST | {'Statement':[{'Effect':'Allow','Principal':{'Service':'ecs-tasks'},'Action':'sts:AssumeRole'}]} | Invalid principal in policy: \"SERVICE\":\"ecs-tasks\"",
            "TRUST | {'Statement':[{'Effect':'Allow','Principal':{'Who':'x'},'Action':'sts:AssumeRole'}]} | Syntax errors in policy.",
    })
    void refusesWhatIamRefuses(String kind, String document, String message) {
        assertThatThrownBy(() -> PolicyParser.parse(document.trim().replace('\'', '"'), PolicyParser.Kind.valueOf(kind.trim())))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage(message.trim());
    }

    @Test
    void managedPoliciesAreValid() {
        assertThat(AwsManagedPolicies.all()).extracting(ManagedPolicy::name).contains("AdministratorAccess",
                "ReadOnlyAccess", "AmazonECSTaskExecutionRolePolicy");
        assertThat(AwsManagedPolicies.find("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"))
                .isPresent();
        for (ManagedPolicy policy : AwsManagedPolicies.all()) {
            assertThat(PolicyParser.parse(policy.defaultDocument(), PolicyParser.Kind.IDENTITY).statements()).isNotEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void resourcePoliciesNeedAPrincipalAndMayLeaveOutTheResource() {
        PolicyDocument policy = PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},
                 "Action":"secretsmanager:GetSecretValue"}]}""", PolicyParser.Kind.RESOURCE);
        assertThat(policy.statements().get(0).resources()).containsExactly("*");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s:A","Resource":"*"}]}""",
                PolicyParser.Kind.RESOURCE)).isInstanceOf(MalformedPolicyException.class)
                .hasMessage("Missing required field Principal");
    }
}
