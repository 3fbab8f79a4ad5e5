package berth.s3.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * S3's XML: documents written element by element with the S3 namespace, and request bodies read with
 * DTDs and external entities off; a body that does not parse is {@code MalformedXML}.
 */
final class Xml {
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final StringBuilder out = new StringBuilder(512).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    private Xml() {}

    static Xml document(String root) {
        Xml xml = new Xml();
        xml.out.append('<').append(root).append(" xmlns=\"").append(NAMESPACE).append("\">");
        return xml;
    }

    /** A document without the namespace (error documents). */
    static Xml plain(String root) {
        Xml xml = new Xml();
        xml.out.append('<').append(root).append('>');
        return xml;
    }

    Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    Xml element(String name, String value) {
        out.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
        return this;
    }

    Xml element(String name, long value) {
        return element(name, Long.toString(value));
    }

    Xml element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    /** Markup written as given (an element with attributes). */
    Xml raw(String markup) {
        out.append(markup);
        return this;
    }

    Xml elementIfPresent(String name, String value) {
        return value == null || value.isEmpty() ? this : element(name, value);
    }

    byte[] end(String root) {
        out.append("</").append(root).append('>');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    /** S3's timestamps in documents: {@code 2009-10-12T17:50:30.000Z}. */
    static String time(Instant at) {
        return TIME.format(at.truncatedTo(ChronoUnit.MILLIS));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') out.append("&#").append((int) c).append(';');
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** Parses a request body; throws MalformedXML. */
    static Element parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Document document = builder.parse(new ByteArrayInputStream(body));
            return document.getDocumentElement();
        } catch (Exception e) {
            throw S3Errors.malformedXml();
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getLocalName().equals(name)) out.add(element);
        }
        return out;
    }

    static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().strip());
    }

    static String name(Element element) {
        return element.getLocalName();
    }
}
