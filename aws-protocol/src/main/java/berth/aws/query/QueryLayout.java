package berth.aws.query;

import berth.aws.model.ServiceDescription;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * The Query and XML names of a service's members: from the SDK model's traits, or, for a service
 * whose SDK model was generated for another protocol (SQS's is JSON), from a service description of
 * its Query days, which names members as Query clients still send and parse them
 * ({@code MessageAttribute.1.Name}, flattened {@code <Message>} elements). Members the description
 * does not know fall back to the SDK's names.
 */
final class QueryLayout {
    /** Names from the SDK model alone. */
    static final QueryLayout SDK = new QueryLayout(ServiceDescription.empty());
    /** EC2's dialect: the SDK model's names (already EC2's), and every list as {@code Name.N}, whatever its member is called. */
    static final QueryLayout EC2 = new QueryLayout(ServiceDescription.empty(), true);

    private final ServiceDescription names;
    private final boolean everyListFlattened;

    QueryLayout(ServiceDescription names) {
        this(names, false);
    }

    private QueryLayout(ServiceDescription names, boolean everyListFlattened) {
        this.names = names;
        this.everyListFlattened = everyListFlattened;
    }

    /**
     * How one member is named on the wire.
     *
     * @param name the key segment or element name of the member (of its items, when flattened)
     * @param item for non-flattened lists, the item element ({@code member} unless named)
     * @param shape the member's shape in the description; empty when it has none
     * @param itemShape for lists, the items' shape; for maps, the values' shape; empty when unknown
     */
    record Member(String name, boolean flattened, String item, String key, String value, String shape, String itemShape) {}

    String inputShape(String operation) {
        return names.operation(operation).map(ServiceDescription.Operation::inputShape).orElse("");
    }

    String outputShape(String operation) {
        return names.operation(operation).map(ServiceDescription.Operation::outputShape).orElse("");
    }

    /** The result element of an operation's response: the description's, else {@code <Operation>Result}. */
    String resultWrapper(String operation) {
        return names.operation(operation).map(ServiceDescription.Operation::resultWrapper).filter(w -> !w.isEmpty())
                .orElse(operation + "Result");
    }

    /** The names of {@code field}, a member of the structure shape {@code structure} (empty: unknown). */
    Member member(String structure, SdkField<?> field, boolean response) {
        Optional<ServiceDescription.Shape> owner = names.shape(structure);
        String memberName = field.memberName();
        if (owner.isEmpty() || !owner.get().members().containsKey(memberName)) {
            return fromSdk(field, response);
        }
        String target = owner.get().members().get(memberName);
        ServiceDescription.WireNames ownerWire = owner.get().wire();
        Optional<ServiceDescription.Shape> shape = names.shape(target);
        ServiceDescription.WireNames wire = shape.map(ServiceDescription.Shape::wire).orElse(null);
        String type = shape.map(ServiceDescription.Shape::type).orElse("");
        boolean flattened = ownerWire.flattenedMembers().contains(memberName) || (wire != null && wire.flattened());
        String name = ownerWire.memberLocations().getOrDefault(memberName, memberName);
        if (flattened && type.equals("list") && !wire.listItem().isEmpty()) {
            name = wire.listItem();
        }
        String item = wire == null || wire.listItem().isEmpty() ? "member" : wire.listItem();
        String key = wire == null || wire.mapKey().isEmpty() ? "key" : wire.mapKey();
        String value = wire == null || wire.mapValue().isEmpty() ? "value" : wire.mapValue();
        String itemShape = shape.map(s -> type.equals("map") ? s.mapValue() : s.listMember()).orElse("");
        return new Member(name, flattened, item, key, value, target, itemShape);
    }

    private Member fromSdk(SdkField<?> field, boolean response) {
        String name = response ? field.unmarshallLocationName() : field.locationName();
        return switch (field.marshallingType().getKnownType()) {
            case LIST -> {
                ListTrait trait = field.getRequiredTrait(ListTrait.class);
                yield new Member(name, trait.isFlattened() || (everyListFlattened && !response),
                        trait.memberLocationName() == null ? "member" : trait.memberLocationName(), "key", "value", "", "");
            }
            case MAP -> {
                MapTrait trait = field.getRequiredTrait(MapTrait.class);
                yield new Member(name, trait.isFlattened(), "member",
                        trait.keyLocationName() == null ? "key" : trait.keyLocationName(),
                        trait.valueLocationName() == null ? "value" : trait.valueLocationName(), "", "");
            }
            default -> new Member(name, false, "member", "key", "value", "", "");
        };
    }
}
