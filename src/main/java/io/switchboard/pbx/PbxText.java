package io.switchboard.pbx;

/** Guards for text written onto a PBX control socket (AMI or ESL). */
public final class PbxText {

    private PbxText() {
    }

    /** True when the value contains CR, LF or another control character (TAB is allowed). */
    public static boolean hasControlCharacters(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** Rejects values that could break protocol framing (command or header injection). */
    public static void requireSafe(String value, String what) {
        if (hasControlCharacters(value)) {
            throw new UnsafePbxValueException(what + " contains a line break or control character");
        }
    }
}
