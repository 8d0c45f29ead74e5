package io.switchboard.dialplans;

/** One thing wrong with a dialplan; {@code line} counts from 1 (0: the whole text). */
public record Problem(int line, String message) implements Comparable<Problem> {

    @Override
    public int compareTo(Problem o) {
        return Integer.compare(line, o.line);
    }

    /** As shown to people and in error details: {@code line 7: ...}. */
    @Override
    public String toString() {
        return line > 0 ? "line " + line + ": " + message : message;
    }
}
