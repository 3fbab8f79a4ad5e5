package berth.secrets.manager.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A ListSecrets filter: {@code name}, {@code tag-key} and {@code tag-value} match by prefix, case
 * sensitively; {@code description} and {@code all} match words (split at {@code / - _ + = . @} and at
 * lower-to-upper case changes) by prefix, ignoring case. A value starting with {@code !} matches what
 * the rest does not. Several values of one filter are alternatives; several filters must all match.
 */
public record SecretFilter(String key, List<String> values) {

    public SecretFilter {
        values = List.copyOf(values);
    }

    public static boolean all(List<SecretFilter> filters, Secret secret) {
        for (SecretFilter filter : filters) {
            if (!filter.matches(secret)) return false;
        }
        return true;
    }

    public boolean matches(Secret secret) {
        List<String> fields = new ArrayList<>();
        boolean words;
        switch (key) {
            case "name" -> { fields.add(secret.name()); words = false; }
            case "tag-key" -> { secret.tags().forEach(t -> fields.add(t.key())); words = false; }
            case "tag-value" -> { secret.tags().forEach(t -> fields.add(t.value())); words = false; }
            case "description" -> { if (!secret.description().isEmpty()) fields.add(secret.description()); words = true; }
            case "all" -> {
                fields.add(secret.name());
                if (!secret.description().isEmpty()) fields.add(secret.description());
                secret.tags().forEach(t -> { fields.add(t.key()); fields.add(t.value()); });
                words = true;
            }
            case "primary-region" -> { fields.add(secret.region()); words = false; }
            default -> { return false; }
        }
        for (String value : values) {
            boolean negated = value.startsWith("!");
            String wanted = negated ? value.substring(1) : value;
            boolean any = false;
            for (String field : fields) {
                if (words ? wordsMatch(wanted, field) : field.startsWith(wanted)) {
                    any = true;
                    break;
                }
            }
            if (negated ? !any : any) return true;
        }
        return false;
    }

    private static boolean wordsMatch(String wanted, String field) {
        List<String> fieldWords = words(field);
        for (String word : words(wanted)) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (fieldWords.stream().noneMatch(w -> w.toLowerCase(Locale.ROOT).startsWith(lower))) return false;
        }
        return !wanted.isEmpty();
    }

    /** Words of a text: split at separators and where a lower-case letter is followed by an upper-case one. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean separator = "/-_+=.@ ".indexOf(c) >= 0;
            boolean caseChange = i > 0 && Character.isUpperCase(c) && Character.isLowerCase(text.charAt(i - 1));
            if ((separator || caseChange) && word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
            if (!separator) word.append(c);
        }
        if (word.length() > 0) out.add(word.toString());
        return out;
    }
}
