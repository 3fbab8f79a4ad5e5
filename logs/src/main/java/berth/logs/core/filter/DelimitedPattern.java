package berth.logs.core.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code [ip, user, ..., status = 4* && bytes > 1000]}: events split into space-delimited fields (text
 * between {@code "…"} or {@code […]} is one field), matched field by field. {@code ...} stands for any
 * number of fields; without it the event must have exactly as many fields as the pattern. A field may
 * carry conditions on itself or on other named fields, combined with {@code &&} and {@code ||}.
 */
public record DelimitedPattern(List<Slot> slots) implements FilterPattern {

    public DelimitedPattern {
        slots = List.copyOf(slots);
    }

    /** One position of the pattern: {@code ...}, or a field with an optional name and condition. */
    public sealed interface Slot {}

    public record Ellipsis() implements Slot {}

    /** @param name empty for an unnamed field; @param condition alternatives of conjunctions, empty when none */
    public record Field(String name, List<List<Condition>> condition) implements Slot {
        public Field {
            condition = condition.stream().map(List::copyOf).toList();
        }
    }

    /** {@code field op literal}; {@code field} is the slot's own name when the condition names none. */
    public record Condition(String field, Operator op, Literal literal) {}

    static DelimitedPattern parse(String pattern) {
        if (!pattern.endsWith("]")) throw new FilterPatternException("Invalid filter pattern: a space-delimited pattern must end with ']'");
        String body = pattern.substring(1, pattern.length() - 1);
        List<Slot> slots = new ArrayList<>();
        for (String part : splitTopLevel(body)) {
            slots.add(slot(part.strip(), slots.size() + 1));
        }
        return new DelimitedPattern(slots);
    }

    @Override
    public boolean matches(String message) {
        List<String> fields = split(message);
        return assign(0, 0, fields, new HashMap<>());
    }

    /** Tries every way the ellipses can absorb fields; conditions are checked once all names are bound. */
    private boolean assign(int slot, int field, List<String> fields, Map<String, String> bound) {
        if (slot == slots.size()) {
            return field == fields.size() && conditionsHold(bound);
        }
        Slot current = slots.get(slot);
        if (current instanceof Ellipsis) {
            for (int skip = 0; field + skip <= fields.size(); skip++) {
                if (assign(slot + 1, field + skip, fields, bound)) return true;
            }
            return false;
        }
        if (field >= fields.size()) return false;
        Field named = (Field) current;
        String key = named.name().isEmpty() ? "$" + (slot + 1) : named.name();
        String previous = bound.put(key, fields.get(field));
        boolean matched = assign(slot + 1, field + 1, fields, bound);
        if (previous == null) bound.remove(key); else bound.put(key, previous);
        return matched;
    }

    private boolean conditionsHold(Map<String, String> bound) {
        for (Slot slot : slots) {
            if (slot instanceof Field field && !field.condition().isEmpty()) {
                boolean any = false;
                for (List<Condition> conjunction : field.condition()) {
                    boolean all = true;
                    for (Condition condition : conjunction) {
                        String value = bound.get(condition.field());
                        if (!Literal.test(Optional.ofNullable(value).map(Literal.Scalar::of), condition.op(), condition.literal())) {
                            all = false;
                            break;
                        }
                    }
                    if (all) {
                        any = true;
                        break;
                    }
                }
                if (!any) return false;
            }
        }
        return true;
    }

    private static Slot slot(String text, int position) {
        if (text.equals("...") || text.equals("\u2026")) return new Ellipsis();
        int nameEnd = 0;
        while (nameEnd < text.length() && isNameChar(text.charAt(nameEnd))) nameEnd++;
        String name = text.substring(0, nameEnd);
        String rest = text.substring(nameEnd).strip();
        String self = name.isEmpty() ? "$" + position : name;
        List<List<Condition>> alternatives = new ArrayList<>();
        if (!rest.isEmpty()) {
            for (String alternative : rest.split("\\|\\|")) {
                List<Condition> conjunction = new ArrayList<>();
                for (String atom : alternative.split("&&")) {
                    conjunction.add(condition(atom.strip(), self));
                }
                alternatives.add(conjunction);
            }
        }
        return new Field(name, alternatives);
    }

    private static Condition condition(String atom, String self) {
        int nameEnd = 0;
        while (nameEnd < atom.length() && isNameChar(atom.charAt(nameEnd))) nameEnd++;
        String field = nameEnd == 0 ? self : atom.substring(0, nameEnd);
        String rest = atom.substring(nameEnd).strip();
        Operator op = rest.isEmpty() ? null : Operator.at(rest, 0);
        if (op == null) throw new FilterPatternException("Invalid filter pattern: expected an operator in '" + atom + "'");
        String value = rest.substring(op.symbol().length()).strip();
        if (value.isEmpty()) throw new FilterPatternException("Invalid filter pattern: a value must follow " + op.symbol());
        Literal literal = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? new Literal.Text(value.substring(1, value.length() - 1)) : Literal.bare(value);
        if (literal instanceof Literal.Text && op != Operator.EQ && op != Operator.NE) {
            throw new FilterPatternException("Invalid filter pattern: strings can only be compared with = or !=");
        }
        return new Condition(field, op, literal);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** Splits the pattern body at commas that are not inside quotes. */
    private static List<String> splitTopLevel(String body) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) throw new FilterPatternException("Invalid filter pattern: unterminated quoted value");
        parts.add(current.toString());
        return parts;
    }

    /** The fields of an event: runs of non-space text, {@code "…"} and {@code […]} each one field without its delimiters. */
    static List<String> split(String message) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = message.length();
        while (i < n) {
            char c = message.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            char close = c == '"' ? '"' : c == '[' ? ']' : 0;
            if (close != 0) {
                int end = message.indexOf(close, i + 1);
                if (end >= 0) {
                    fields.add(message.substring(i + 1, end));
                    i = end + 1;
                    continue;
                }
            }
            int start = i;
            while (i < n && message.charAt(i) != ' ' && message.charAt(i) != '\t') i++;
            fields.add(message.substring(start, i));
        }
        return fields;
    }
}
