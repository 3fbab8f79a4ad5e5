package berth.sqs.journal;

import berth.sqs.core.Message;
import berth.sqs.core.MessageAttribute;
import berth.sqs.core.QueueState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of a {@link JournalRecord}: a type byte, then its fields in order; strings and byte
 * arrays as a 4-byte length and the bytes (UTF-8 for strings).
 */
final class JournalCodec {
    private static final byte SENT = 1, RECEIVED = 2, VISIBILITY = 3, REMOVED = 4, PURGED = 5, DROPPED = 6,
            RESTORED = 7, DEDUPLICATED = 8;

    private JournalCodec() {}

    static byte[] encode(JournalRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            switch (record) {
                case JournalRecord.Sent s -> {
                    out.writeByte(SENT);
                    text(out, s.storageId());
                    message(out, s.message());
                    out.writeLong(s.visibleAt());
                    text(out, s.dedupKey());
                }
                case JournalRecord.Received r -> {
                    out.writeByte(RECEIVED);
                    text(out, r.storageId());
                    text(out, r.messageId());
                    out.writeInt(r.receiveCount());
                    out.writeLong(r.visibleAt());
                    out.writeLong(r.firstReceiveAt());
                    out.writeLong(r.receipt());
                }
                case JournalRecord.Visibility v -> {
                    out.writeByte(VISIBILITY);
                    text(out, v.storageId());
                    text(out, v.messageId());
                    out.writeLong(v.visibleAt());
                }
                case JournalRecord.Removed r -> {
                    out.writeByte(REMOVED);
                    text(out, r.storageId());
                    text(out, r.messageId());
                }
                case JournalRecord.Purged p -> {
                    out.writeByte(PURGED);
                    text(out, p.storageId());
                }
                case JournalRecord.Dropped d -> {
                    out.writeByte(DROPPED);
                    text(out, d.storageId());
                }
                case JournalRecord.Restored r -> {
                    out.writeByte(RESTORED);
                    text(out, r.storageId());
                    QueueState.Snapshot s = r.snapshot();
                    message(out, s.message());
                    out.writeLong(s.visibleAt());
                    out.writeInt(s.receiveCount());
                    out.writeLong(s.firstReceiveAt());
                    out.writeLong(s.receipt());
                }
                case JournalRecord.Deduplicated d -> {
                    out.writeByte(DEDUPLICATED);
                    text(out, d.storageId());
                    text(out, d.entry().key());
                    text(out, d.entry().messageId());
                    out.writeLong(d.entry().sequence());
                    out.writeLong(d.entry().expiresAt());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static JournalRecord decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte type = in.readByte();
        String storageId = text(in);
        return switch (type) {
            case SENT -> new JournalRecord.Sent(storageId, message(in), in.readLong(), text(in));
            case RECEIVED -> new JournalRecord.Received(storageId, text(in), in.readInt(), in.readLong(), in.readLong(),
                    in.readLong());
            case VISIBILITY -> new JournalRecord.Visibility(storageId, text(in), in.readLong());
            case REMOVED -> new JournalRecord.Removed(storageId, text(in));
            case PURGED -> new JournalRecord.Purged(storageId);
            case DROPPED -> new JournalRecord.Dropped(storageId);
            case RESTORED -> new JournalRecord.Restored(storageId, new QueueState.Snapshot(message(in), in.readLong(),
                    in.readInt(), in.readLong(), in.readLong()));
            case DEDUPLICATED -> new JournalRecord.Deduplicated(storageId, new QueueState.Dedup(text(in), text(in),
                    in.readLong(), in.readLong()));
            default -> throw new IOException("unknown journal record type " + type);
        };
    }

    private static void message(DataOutputStream out, Message m) throws IOException {
        text(out, m.id());
        text(out, m.body());
        out.writeInt(m.attributes().size());
        for (Map.Entry<String, MessageAttribute> entry : m.attributes().entrySet()) {
            text(out, entry.getKey());
            text(out, entry.getValue().dataType());
            text(out, entry.getValue().stringValue());
            blob(out, entry.getValue().binaryValue());
        }
        text(out, m.traceHeader());
        text(out, m.senderId());
        out.writeLong(m.sentAtMillis());
        text(out, m.groupId());
        text(out, m.deduplicationId());
        out.writeLong(m.sequence());
        text(out, m.deadLetterSourceArn());
    }

    private static Message message(DataInputStream in) throws IOException {
        String id = text(in);
        String body = text(in);
        int count = in.readInt();
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            attributes.put(text(in), new MessageAttribute(text(in), text(in), blob(in)));
        }
        return new Message(id, body, attributes, text(in), text(in), in.readLong(), text(in), text(in), in.readLong(), text(in));
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        blob(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(DataInputStream in) throws IOException {
        return new String(blob(in), StandardCharsets.UTF_8);
    }

    private static void blob(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] blob(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 64 << 20) throw new IOException("corrupt journal field length " + length);
        return in.readNBytes(length);
    }
}
