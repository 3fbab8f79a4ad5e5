package berth.sqs.core;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A receipt handle: which queue's storage, which message and which receive of it, as opaque text
 * ({@code base64url("storageId/messageId/receipt")}). A handle of an earlier receive still names the
 * message (DeleteMessage accepts it) but no longer its visibility.
 */
public record Receipt(String storageId, String messageId, long receipt) {

    public String handle() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (storageId + "/" + messageId + "/" + receipt).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<Receipt> parse(String handle) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8);
            String[] parts = text.split("/");
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) return Optional.empty();
            return Optional.of(new Receipt(parts[0], parts[1], Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
