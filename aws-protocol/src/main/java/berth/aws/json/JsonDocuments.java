package berth.aws.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/** Converts between JSON trees and the SDK's untyped {@link Document} members. */
final class JsonDocuments {
    private JsonDocuments() {}

    static Document toDocument(JsonNode node) {
        if (node == null || node.isNull()) {
            return Document.fromNull();
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        if (node.isNumber()) {
            return Document.fromNumber(SdkNumber.fromBigDecimal(node.decimalValue()));
        }
        if (node.isTextual()) {
            return Document.fromString(node.textValue());
        }
        if (node.isArray()) {
            List<Document> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(toDocument(item)));
            return Document.fromList(items);
        }
        Map<String, Document> members = new LinkedHashMap<>();
        node.properties().forEach(entry -> members.put(entry.getKey(), toDocument(entry.getValue())));
        return Document.fromMap(members);
    }

    static JsonNode toJson(Document document) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (document == null || document.isNull()) {
            return nodes.nullNode();
        }
        if (document.isBoolean()) {
            return nodes.booleanNode(document.asBoolean());
        }
        if (document.isNumber()) {
            return nodes.numberNode(document.asNumber().bigDecimalValue());
        }
        if (document.isString()) {
            return nodes.textNode(document.asString());
        }
        if (document.isList()) {
            ArrayNode array = nodes.arrayNode();
            document.asList().forEach(item -> array.add(toJson(item)));
            return array;
        }
        ObjectNode object = nodes.objectNode();
        document.asMap().forEach((key, value) -> object.set(key, toJson(value)));
        return object;
    }
}
