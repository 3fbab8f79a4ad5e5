package berth.ec2.core;

import berth.aws.AwsException;
import berth.aws.ErrorCode;

/** The error codes EC2 answers with, as its protocol spells them; status 400 unless given. */
public enum Ec2Errors implements ErrorCode {
    INVALID_PARAMETER_VALUE("InvalidParameterValue"),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination"),
    INVALID_PARAMETER("InvalidParameter"),
    MISSING_PARAMETER("MissingParameter"),
    UNSUPPORTED_OPERATION("UnsupportedOperation"),
    INVALID_ID("InvalidID"),
    INVALID_FILTER("InvalidFilter"),
    INVALID_NEXT_TOKEN("InvalidNextToken"),
    DRY_RUN_OPERATION("DryRunOperation", 412),
    DEPENDENCY_VIOLATION("DependencyViolation"),
    CANNOT_DELETE("CannotDelete"),
    VPC_ID_NOT_SPECIFIED("VPCIdNotSpecified"),
    DEFAULT_VPC_ALREADY_EXISTS("DefaultVpcAlreadyExists"),
    VPC_NOT_FOUND("InvalidVpcID.NotFound"),
    VPC_MALFORMED("InvalidVpcID.Malformed"),
    VPC_RANGE("InvalidVpc.Range"),
    SUBNET_NOT_FOUND("InvalidSubnetID.NotFound"),
    SUBNET_MALFORMED("InvalidSubnetID.Malformed"),
    SUBNET_RANGE("InvalidSubnet.Range"),
    SUBNET_CONFLICT("InvalidSubnet.Conflict"),
    ADDRESS_IN_USE("InvalidIPAddress.InUse"),
    INSUFFICIENT_ADDRESSES("InsufficientFreeAddressesInSubnet"),
    GROUP_NOT_FOUND("InvalidGroup.NotFound"),
    GROUP_ID_MALFORMED("InvalidGroupId.Malformed"),
    GROUP_DUPLICATE("InvalidGroup.Duplicate"),
    GROUP_RESERVED("InvalidGroup.Reserved"),
    PERMISSION_DUPLICATE("InvalidPermission.Duplicate"),
    PERMISSION_NOT_FOUND("InvalidPermission.NotFound"),
    PERMISSION_MALFORMED("InvalidPermission.Malformed"),
    RULE_NOT_FOUND("InvalidSecurityGroupRuleId.NotFound"),
    ROUTE_TABLE_NOT_FOUND("InvalidRouteTableID.NotFound"),
    NETWORK_ACL_NOT_FOUND("InvalidNetworkAclID.NotFound"),
    KEY_PAIR_NOT_FOUND("InvalidKeyPair.NotFound"),
    KEY_PAIR_DUPLICATE("InvalidKeyPair.Duplicate"),
    KEY_FORMAT("InvalidKey.Format"),
    AMI_NOT_FOUND("InvalidAMIID.NotFound"),
    AMI_MALFORMED("InvalidAMIID.Malformed"),
    INSTANCE_NOT_FOUND("InvalidInstanceID.NotFound"),
    INSTANCE_MALFORMED("InvalidInstanceID.Malformed"),
    INCORRECT_INSTANCE_STATE("IncorrectInstanceState"),
    INSTANCE_LIMIT_EXCEEDED("InstanceLimitExceeded"),
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatch"),
    TEMPLATE_NAME_NOT_FOUND("InvalidLaunchTemplateName.NotFoundException"),
    TEMPLATE_NAME_DUPLICATE("InvalidLaunchTemplateName.AlreadyExistsException"),
    TEMPLATE_NAME_MALFORMED("InvalidLaunchTemplateName.MalformedException"),
    TEMPLATE_ID_NOT_FOUND("InvalidLaunchTemplateId.NotFound"),
    TEMPLATE_ID_MALFORMED("InvalidLaunchTemplateId.Malformed"),
    TEMPLATE_VERSION_NOT_FOUND("InvalidLaunchTemplateId.VersionNotFound"),
    TEMPLATE_DATA("InvalidLaunchTemplateData"),
    TAG_LIMIT_EXCEEDED("TagLimitExceeded"),
    VPC_LIMIT_EXCEEDED("VpcLimitExceeded");

    private final String code;
    private final int status;

    Ec2Errors(String code) {
        this(code, 400);
    }

    Ec2Errors(String code, int status) {
        this.code = code;
        this.status = status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }

    /** A field berth does not act on, refused rather than stored and ignored. */
    public static AwsException unsupported(String what) {
        return INVALID_PARAMETER_VALUE.exception("berth does not support " + what);
    }

    public static AwsException vpcNotFound(String id) {
        return VPC_NOT_FOUND.exception("The vpc ID '" + id + "' does not exist");
    }

    public static AwsException subnetNotFound(String id) {
        return SUBNET_NOT_FOUND.exception("The subnet ID '" + id + "' does not exist");
    }

    public static AwsException groupNotFound(String id) {
        return GROUP_NOT_FOUND.exception("The security group '" + id + "' does not exist");
    }

    public static AwsException instanceNotFound(String id) {
        return INSTANCE_NOT_FOUND.exception("The instance ID '" + id + "' does not exist");
    }
}
