package io.switchboard.pbx.freeswitch;

/**
 * One api command of a call-control sequence, sent as {@code bgapi <command> <arg>}.
 *
 * @param undo       what puts things back if a later step fails (null: nothing to undo)
 * @param resultKey  reply data key for the id in a {@code +OK <id>} result (null: none)
 * @param goneIsOk   {@code -ERR No such channel!} counts as done (releasing a leg that already left)
 * @param required   a failure fails the command; a clean-up step's failure is only reported
 */
record EslStep(String command, String arg, EslStep undo, String resultKey, boolean goneIsOk, boolean required) {

    static EslStep of(String command, String arg) {
        return new EslStep(command, arg, null, null, false, true);
    }

    EslStep undoneBy(EslStep u) {
        return new EslStep(command, arg, u, resultKey, goneIsOk, required);
    }

    EslStep resultAs(String key) {
        return new EslStep(command, arg, undo, key, goneIsOk, required);
    }

    /** A release of a leg that may be gone already; its failure does not fail the command. */
    EslStep cleanUp() {
        return new EslStep(command, arg, undo, resultKey, command.equals("uuid_kill"), false);
    }

    /** The command as it goes on the wire after {@code bgapi }. */
    String text() {
        return arg.isEmpty() ? command : command + " " + arg;
    }
}
