package io.switchboard.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making API keys and hashing them. A key is {@code sbk_} + base64url of 32 random bytes. */
final class ApiKeySecrets {

    static final String SCHEME = "sbk_";
    /** Characters of a key shown in lists: the scheme and 8 of its 43 random characters. */
    static final int PREFIX_LENGTH = SCHEME.length() + 8;
    private static final int KEY_LENGTH = SCHEME.length() + 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String prefix(String key) {
        return key.substring(0, PREFIX_LENGTH);
    }

    /** Whether it can be a key at all: anything else is refused without a lookup. */
    static boolean wellFormed(String key) {
        if (key == null || key.length() != KEY_LENGTH || !key.startsWith(SCHEME)) {
            return false;
        }
        for (int i = SCHEME.length(); i < key.length(); i++) {
            char ch = key.charAt(i);
            if (!(ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * SHA-256 of the whole key, hex. A fast unsalted hash is enough: 256 random bits cannot be
     * guessed from it, unlike a password.
     */
    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean sameHash(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }
}
