package berth.s3.api;

import berth.s3.core.LifecycleRule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/** A bucket's LifecycleConfiguration document, read with S3's checks and written back. */
final class LifecycleXml {
    private LifecycleXml() {}

    static List<LifecycleRule> parse(byte[] body) {
        Element root = Xml.parse(body);
        List<Element> rules = Xml.children(root, "Rule");
        if (rules.isEmpty() || rules.size() > 1000) throw S3Errors.malformedXml();
        List<LifecycleRule> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Element rule : rules) {
            String id = Xml.text(rule, "ID").orElse(berth.s3.state.ObjectChanges.newVersionId());
            if (id.length() > 255) throw S3Errors.invalidArgument("ID length should not exceed allowed limit of 255", "ID", id);
            if (!ids.add(id)) throw S3Errors.invalidArgument("Rule ID must be unique. Found same ID for more than one rule", "ID", id);
            String status = Xml.text(rule, "Status").orElseThrow(S3Errors::malformedXml);
            if (!status.equals("Enabled") && !status.equals("Disabled")) throw S3Errors.malformedXml();
            if (Xml.child(rule, "Transition").isPresent() || Xml.child(rule, "NoncurrentVersionTransition").isPresent()) {
                throw S3Errors.INVALID_REQUEST.exception("berth has a single storage class: lifecycle transitions are not"
                        + " supported, only expirations.");
            }
            String prefix = Xml.text(rule, "Prefix").orElse("");
            Map<String, String> tags = new LinkedHashMap<>();
            long greater = 0;
            long less = 0;
            Optional<Element> filter = Xml.child(rule, "Filter");
            if (filter.isPresent()) {
                Element f = Xml.child(filter.get(), "And").orElse(filter.get());
                prefix = Xml.text(f, "Prefix").orElse(prefix);
                for (Element tag : Xml.children(f, "Tag")) {
                    tags.put(Xml.text(tag, "Key").orElseThrow(S3Errors::malformedXml), Xml.text(tag, "Value").orElse(""));
                }
                greater = number(f, "ObjectSizeGreaterThan");
                less = number(f, "ObjectSizeLessThan");
            }
            int days = 0;
            String date = "";
            boolean markers = false;
            Optional<Element> expiration = Xml.child(rule, "Expiration");
            if (expiration.isPresent()) {
                days = (int) number(expiration.get(), "Days");
                date = Xml.text(expiration.get(), "Date").map(LifecycleXml::midnight).orElse("");
                markers = Xml.text(expiration.get(), "ExpiredObjectDeleteMarker").map(Boolean::parseBoolean).orElse(false);
                if (Xml.child(expiration.get(), "Days").isPresent() && days <= 0) {
                    throw S3Errors.invalidArgument("'Days' for Expiration action must be a positive integer", "Days", "" + days);
                }
                int given = (days > 0 ? 1 : 0) + (date.isEmpty() ? 0 : 1) + (Xml.child(expiration.get(),
                        "ExpiredObjectDeleteMarker").isPresent() ? 1 : 0);
                if (given != 1) throw S3Errors.malformedXml();
                if (markers && !tags.isEmpty()) {
                    throw S3Errors.invalidArgument("ExpiredObjectDeleteMarker cannot be specified with tags", "Tag", "");
                }
            }
            int noncurrent = 0;
            int newer = 0;
            Optional<Element> nve = Xml.child(rule, "NoncurrentVersionExpiration");
            if (nve.isPresent()) {
                noncurrent = (int) number(nve.get(), "NoncurrentDays");
                newer = (int) number(nve.get(), "NewerNoncurrentVersions");
                if (noncurrent <= 0) {
                    throw S3Errors.invalidArgument("'NoncurrentDays' in NoncurrentVersionExpiration action must be a positive"
                            + " integer", "NoncurrentDays", "" + noncurrent);
                }
            }
            int abort = Xml.child(rule, "AbortIncompleteMultipartUpload").map(a -> (int) number(a, "DaysAfterInitiation")).orElse(0);
            if (Xml.child(rule, "AbortIncompleteMultipartUpload").isPresent() && (abort <= 0 || !tags.isEmpty())) {
                throw S3Errors.invalidArgument("'DaysAfterInitiation' must be a positive integer, in a rule without tags",
                        "DaysAfterInitiation", "" + abort);
            }
            if (expiration.isEmpty() && nve.isEmpty() && abort == 0) {
                throw S3Errors.invalidArgument("At least one action needs to be specified in a rule", "Action", id);
            }
            out.add(new LifecycleRule(id, status.equals("Enabled"), prefix, tags, greater, less, days, date, markers,
                    noncurrent, newer, abort));
        }
        return out;
    }

    private static String midnight(String text) {
        try {
            Instant at = java.time.OffsetDateTime.parse(text.length() == 10 ? text + "T00:00:00Z" : text).toInstant();
            if (!at.atZone(ZoneOffset.UTC).toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
                throw S3Errors.invalidArgument("'Date' must be at midnight GMT", "Date", text);
            }
            return at.toString();
        } catch (DateTimeParseException e) {
            throw S3Errors.invalidArgument("Invalid date " + text, "Date", text);
        }
    }

    private static long number(Element parent, String name) {
        Optional<String> text = Xml.text(parent, name);
        if (text.isEmpty()) return 0;
        try {
            return Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw S3Errors.malformedXml();
        }
    }

    static byte[] document(List<LifecycleRule> rules) {
        Xml xml = Xml.document("LifecycleConfiguration");
        for (LifecycleRule rule : rules) {
            xml.open("Rule").element("ID", rule.id());
            boolean and = rule.tags().size() + (rule.prefix().isEmpty() ? 0 : 1) + (rule.sizeGreaterThan() > 0 ? 1 : 0)
                    + (rule.sizeLessThan() > 0 ? 1 : 0) > 1;
            xml.open("Filter");
            if (and) xml.open("And");
            if (!rule.prefix().isEmpty() || (rule.tags().isEmpty() && rule.sizeGreaterThan() == 0 && rule.sizeLessThan() == 0)) {
                xml.element("Prefix", rule.prefix());
            }
            rule.tags().forEach((k, v) -> xml.open("Tag").element("Key", k).element("Value", v).close("Tag"));
            if (rule.sizeGreaterThan() > 0) xml.element("ObjectSizeGreaterThan", rule.sizeGreaterThan());
            if (rule.sizeLessThan() > 0) xml.element("ObjectSizeLessThan", rule.sizeLessThan());
            if (and) xml.close("And");
            xml.close("Filter").element("Status", rule.enabled() ? "Enabled" : "Disabled");
            if (rule.expirationDays() > 0 || !rule.expirationDate().isEmpty() || rule.expiredObjectDeleteMarker()) {
                xml.open("Expiration");
                if (rule.expirationDays() > 0) xml.element("Days", rule.expirationDays());
                if (!rule.expirationDate().isEmpty()) xml.element("Date", Xml.time(rule.expirationInstant()));
                if (rule.expiredObjectDeleteMarker()) xml.element("ExpiredObjectDeleteMarker", true);
                xml.close("Expiration");
            }
            if (rule.noncurrentDays() > 0) {
                xml.open("NoncurrentVersionExpiration").element("NoncurrentDays", rule.noncurrentDays());
                if (rule.newerNoncurrentVersions() > 0) xml.element("NewerNoncurrentVersions", rule.newerNoncurrentVersions());
                xml.close("NoncurrentVersionExpiration");
            }
            if (rule.abortIncompleteDays() > 0) {
                xml.open("AbortIncompleteMultipartUpload").element("DaysAfterInitiation", rule.abortIncompleteDays())
                        .close("AbortIncompleteMultipartUpload");
            }
            xml.close("Rule");
        }
        return xml.end("LifecycleConfiguration");
    }
}
