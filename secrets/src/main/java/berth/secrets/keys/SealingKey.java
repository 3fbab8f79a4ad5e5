package berth.secrets.keys;

import berth.store.Store;
import berth.store.StoredRecord;
import berth.store.Subscription;
import berth.store.VersionConflict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that seals secret and parameter records at rest (AES-256-GCM), kept in the store itself
 * (kind {@code secrets.key}) so that every berth sharing a store, and every state export, carries it.
 * Sealing keeps secret values out of plain sight in the state files and snapshots; whoever holds the
 * whole store holds the key too. A reset removes the key with the records it sealed; the cached copy
 * is dropped whenever the key record changes.
 */
public final class SealingKey implements AutoCloseable {
    public static final String KIND = "secrets.key";
    private static final String KEY = "records";
    private static final byte[] MAGIC = {'B', 'S', '1'};
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final Subscription watch;
    private volatile SecretKeySpec cached;

    public SealingKey(Store store) {
        this.store = store;
        this.watch = store.watch(KIND, change -> cached = null);
    }

    /** Encrypts a record's bytes with a fresh nonce. */
    public byte[] seal(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        SecretKeySpec key = key();
        Optional<StoredRecord> stored = store.get(KIND, KEY);
        if (stored.isEmpty() || !Arrays.equals(stored.get().value(), key.getEncoded())) {
            // the key changed under the cache (a reset): seal only with the key the store holds now
            cached = null;
            key = key();
        }
        byte[] sealed = encrypt(key, nonce, plain);
        return ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length).put(MAGIC).put(nonce).put(sealed).array();
    }

    /** Decrypts what {@link #seal} made; bytes without the seal's magic are returned as they are. */
    public byte[] open(byte[] stored) {
        if (stored.length < MAGIC.length + NONCE_BYTES || !Arrays.equals(Arrays.copyOf(stored, MAGIC.length), MAGIC)) {
            return stored;
        }
        byte[] nonce = Arrays.copyOfRange(stored, MAGIC.length, MAGIC.length + NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(stored, MAGIC.length + NONCE_BYTES, stored.length);
        try {
            return decrypt(key(), nonce, sealed);
        } catch (GeneralSecurityException stale) {
            cached = null;
            try {
                return decrypt(key(), nonce, sealed);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a sealed secrets record cannot be opened with the store's key", e);
            }
        }
    }

    private static byte[] decrypt(SecretKeySpec key, byte[] nonce, byte[] sealed) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        return cipher.doFinal(sealed);
    }

    /**
     * A stable ciphertext of {@code plaintext} bound to {@code context}, in base64: what SSM returns for
     * a SecureString read without decryption. The nonce derives from both, so the same version always
     * shows the same ciphertext.
     */
    public String ciphertext(String context, String plaintext) {
        byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key().getEncoded(), "HmacSHA256"));
            mac.update(context.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] nonce = Arrays.copyOf(mac.doFinal(plain), NONCE_BYTES);
            byte[] sealed = encrypt(key(), nonce, plain);
            byte[] out = ByteBuffer.allocate(4 + NONCE_BYTES + sealed.length)
                    .put(new byte[] {1, 2, 2, 0}).put(nonce).put(sealed).array();
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] encrypt(SecretKeySpec key, byte[] nonce, byte[] plain) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            return cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec key = cached;
        if (key != null) return key;
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<StoredRecord> existing = store.get(KIND, KEY);
            if (existing.isPresent()) {
                key = new SecretKeySpec(existing.get().value(), "AES");
                cached = key;
                return key;
            }
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            try {
                store.put(KIND, KEY, fresh, Store.ABSENT);
            } catch (VersionConflict raced) {
                // another writer made the key first: read theirs
            }
        }
        throw new IllegalStateException("cannot establish the secrets sealing key");
    }

    /** Forgets the cached key (after a reset). */
    public void forget() {
        cached = null;
    }

    @Override
    public void close() {
        watch.close();
    }
}
