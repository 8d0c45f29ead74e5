package io.switchboard.screenpop;

/** A directory could not tell whether the customer exists (as opposed to: it does not). */
public class DirectoryException extends RuntimeException {

    public DirectoryException(String message) {
        super(message);
    }

    public DirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
