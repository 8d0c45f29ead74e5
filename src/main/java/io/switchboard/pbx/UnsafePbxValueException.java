package io.switchboard.pbx;

/** A value bound for the PBX would break protocol framing; it is never sent. */
public class UnsafePbxValueException extends IllegalArgumentException {
    public UnsafePbxValueException(String message) {
        super(message);
    }
}
