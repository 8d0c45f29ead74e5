package io.switchboard.screenpop;

/**
 * Who is calling, as far as the call tells: a directory tries the customer id first, then the
 * account id, then the number. Any of the three may be null (blank counts as null).
 */
public record CustomerQuery(String tenant, String callerNumber, String customerId, String accountId) {

    public CustomerQuery {
        callerNumber = blankToNull(callerNumber);
        customerId = blankToNull(customerId);
        accountId = blankToNull(accountId);
    }

    /**
     * The caller number as the directories store it: digits and a leading {@code +}, without the
     * spaces, dashes, dots and brackets some PBXs and CRMs add; null when no digit is left.
     */
    public static String normalizeNumber(String number) {
        if (number == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char ch = number.charAt(i);
            if (ch >= '0' && ch <= '9') {
                sb.append(ch);
            } else if (ch == '+' && sb.isEmpty()) {
                sb.append(ch);
            }
        }
        return sb.isEmpty() || (sb.length() == 1 && sb.charAt(0) == '+') ? null : sb.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
