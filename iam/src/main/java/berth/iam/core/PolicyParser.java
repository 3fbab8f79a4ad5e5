package berth.iam.core;

import berth.iam.core.PolicyDocument.Condition;
import berth.iam.core.PolicyDocument.Effect;
import berth.iam.core.PolicyDocument.Principals;
import berth.iam.core.PolicyDocument.Statement;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a policy document as IAM does on write, refusing what IAM refuses with
 * IAM's {@code MalformedPolicyDocument} messages.
 */
public final class PolicyParser {
    /** What the document is for: the elements allowed differ. */
    public enum Kind {
        /** Attached to a user or role: Action and Resource required, no Principal. */
        IDENTITY,
        /** A role's trust policy: Principal required, no Resource. */
        TRUST,
        /** A session policy passed to AssumeRole: as an identity-based policy. */
        SESSION,
        /**
         * Attached to a resource (a secret's resource policy): Principal required; Resource optional,
         * meaning the resource it is attached to.
         */
        RESOURCE
    }

    static final String SYNTAX = "Syntax errors in policy.";
    static final String INVALID_JSON = "This policy contains invalid Json";
    static final String NO_VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> DOCUMENT_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9*?_-]*");
    private static final Pattern CONDITION_KEY = Pattern.compile("[A-Za-z0-9-]+:.+");
    private static final Pattern SID = Pattern.compile("[0-9A-Za-z]*");
    private static final Pattern AWS_PRINCIPAL = Pattern.compile(
            "\\*|\\d{12}|arn:aws:iam::\\d{12}:(root|(user|role)(/[\\u0021-\\u007E]+)?/[\\w+=,.@-]+)"
                    + "|arn:aws:sts::\\d{12}:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+");
    private static final Pattern SERVICE_PRINCIPAL = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com(\\.cn)?");

    private PolicyParser() {}

    public static PolicyDocument parse(String text, Kind kind) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyException(INVALID_JSON);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedPolicyException(root == null || root.isMissingNode() ? INVALID_JSON : SYNTAX);
        }
        root.fieldNames().forEachRemaining(name -> require(DOCUMENT_FIELDS.contains(name), SYNTAX));
        String version = PolicyDocument.LEGACY_VERSION;
        if (root.has("Version")) {
            JsonNode v = root.get("Version");
            if (!v.isTextual() || !(v.asText().equals(PolicyDocument.CURRENT_VERSION)
                    || v.asText().equals(PolicyDocument.LEGACY_VERSION))) {
                throw new MalformedPolicyException("The policy failed legacy parsing");
            }
            version = v.asText();
        }
        JsonNode statementNode = root.get("Statement");
        require(statementNode != null && (statementNode.isObject() || statementNode.isArray() && !statementNode.isEmpty()), SYNTAX);
        List<JsonNode> statementNodes = new ArrayList<>();
        if (statementNode.isObject()) {
            statementNodes.add(statementNode);
        } else {
            statementNode.forEach(statementNodes::add);
        }
        List<Statement> statements = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (JsonNode node : statementNodes) {
            Statement statement = statement(node, kind);
            if (!statement.sid().isEmpty() && !sids.add(statement.sid())) {
                throw new MalformedPolicyException("Statement IDs (SID) in a single policy must be unique.");
            }
            statements.add(statement);
        }
        return new PolicyDocument(version, statements, text);
    }

    private static Statement statement(JsonNode node, Kind kind) {
        require(node.isObject(), SYNTAX);
        node.fieldNames().forEachRemaining(name -> require(STATEMENT_FIELDS.contains(name), SYNTAX));
        String sid = "";
        if (node.has("Sid")) {
            require(node.get("Sid").isTextual(), SYNTAX);
            sid = node.get("Sid").asText();
            if (kind != Kind.TRUST && !SID.matcher(sid).matches()) {
                throw new MalformedPolicyException("Statement IDs (SID) must be alpha-numeric. Check that your input"
                        + " satisfies the regular expression [0-9A-Za-z]*");
            }
        }
        JsonNode effectNode = node.get("Effect");
        require(effectNode != null && effectNode.isTextual(), SYNTAX);
        Effect effect = switch (effectNode.asText()) {
            case "Allow" -> Effect.ALLOW;
            case "Deny" -> Effect.DENY;
            default -> throw new MalformedPolicyException(SYNTAX);
        };
        require(!(node.has("Action") && node.has("NotAction")), SYNTAX);
        boolean notAction = node.has("NotAction");
        List<String> actions = strings(node.get(notAction ? "NotAction" : "Action"));
        require(!actions.isEmpty(), "Policy statement must contain actions.");
        for (String action : actions) {
            require(action.equals("*") || ACTION.matcher(action).matches(), NO_VENDOR);
        }
        boolean notResource = node.has("NotResource");
        List<String> resources = List.of();
        if (kind == Kind.TRUST) {
            require(!node.has("Resource"), "Has prohibited field Resource");
            require(!notResource, "Has prohibited field NotResource");
        } else {
            require(!(node.has("Resource") && notResource), SYNTAX);
            boolean given = node.has("Resource") || notResource;
            resources = kind == Kind.RESOURCE && !given ? List.of("*")
                    : strings(node.get(notResource ? "NotResource" : "Resource"));
            require(!resources.isEmpty(), "Policy statement must contain resources.");
            for (String resource : resources) {
                require(resource.equals("*") || resource.startsWith("arn:") && resource.split(":", 6).length == 6,
                        "Resource " + resource + " must be in ARN format or \"*\".");
            }
        }
        boolean notPrincipal = node.has("NotPrincipal");
        Principals principals = Principals.NONE;
        if (kind == Kind.TRUST || kind == Kind.RESOURCE) {
            require(!(node.has("Principal") && notPrincipal), SYNTAX);
            require(node.has("Principal") || notPrincipal, "Missing required field Principal");
            principals = principals(node.get(notPrincipal ? "NotPrincipal" : "Principal"));
        } else {
            require(!node.has("Principal") && !notPrincipal, "Policy document should not specify a principal.");
        }
        List<Condition> conditions = node.has("Condition") ? conditions(node.get("Condition")) : List.of();
        return new Statement(sid, effect, principals, notPrincipal, actions, notAction, resources, notResource, conditions);
    }

    private static Principals principals(JsonNode node) {
        if (node.isTextual()) {
            require(node.asText().equals("*"), SYNTAX);
            return new Principals(true, List.of(), List.of(), List.of());
        }
        require(node.isObject() && !node.isEmpty(), SYNTAX);
        List<String> aws = List.of();
        List<String> services = List.of();
        List<String> federated = List.of();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            List<String> values = strings(entry.getValue());
            require(!values.isEmpty(), SYNTAX);
            switch (entry.getKey()) {
                case "AWS" -> {
                    for (String value : values) {
                        require(AWS_PRINCIPAL.matcher(value).matches(), invalidPrincipal("AWS", value));
                    }
                    aws = values;
                }
                case "Service" -> {
                    for (String value : values) {
                        require(SERVICE_PRINCIPAL.matcher(value).matches(), invalidPrincipal("SERVICE", value));
                    }
                    services = values;
                }
                case "Federated" -> federated = values;
                case "CanonicalUser" -> {
                    // S3 canonical users never sign berth requests; accepted as IAM accepts them, never matched
                }
                default -> throw new MalformedPolicyException(SYNTAX);
            }
        }
        return new Principals(false, aws, services, federated);
    }

    /** IAM's message for a principal it does not recognise or that does not exist. */
    public static String invalidPrincipal(String type, String value) {
        return "Invalid principal in policy: \"" + type + "\":\"" + value + "\"";
    }

    private static List<Condition> conditions(JsonNode node) {
        require(node.isObject(), SYNTAX);
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operatorEntry : node.properties()) {
            ConditionOperator operator = ConditionOperator.parse(operatorEntry.getKey())
                    .orElseThrow(() -> new MalformedPolicyException("Invalid Condition type : " + operatorEntry.getKey()));
            require(operatorEntry.getValue().isObject(), SYNTAX);
            for (Map.Entry<String, JsonNode> keyEntry : operatorEntry.getValue().properties()) {
                require(CONDITION_KEY.matcher(keyEntry.getKey()).matches(), NO_VENDOR);
                conditions.add(new Condition(operator, keyEntry.getKey(), scalars(keyEntry.getValue())));
            }
        }
        return conditions;
    }

    /** A string or a non-empty array of strings; anything else is a syntax error. An absent element is empty. */
    private static List<String> strings(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        require(node.isArray(), SYNTAX);
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            require(item.isTextual(), SYNTAX);
            values.add(item.asText());
        }
        return values;
    }

    /** Condition values: strings, numbers or booleans, alone or in an array, as text. */
    private static List<String> scalars(JsonNode node) {
        if (node.isValueNode() && !node.isNull()) {
            return List.of(node.asText());
        }
        require(node.isArray(), SYNTAX);
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            require(item.isValueNode() && !item.isNull(), SYNTAX);
            values.add(item.asText());
        }
        return values;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new MalformedPolicyException(message);
        }
    }
}
