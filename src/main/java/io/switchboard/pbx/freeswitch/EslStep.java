package io.switchboard.pbx.freeswitch;

/**
 * One api command of a call-control sequence, sent as {@code bgapi <command> <arg>}.
 *
 * @param undo       what puts things back if a later step fails (null: nothing to undo)
 * @param resultKey  reply data key for the id in a {@code +OK <id>} result (null: none)
 * @param goneIsOk   {@code -ERR No such channel!} counts as done (releasing a leg that already left)
 * @param required   a failure fails the command; a clean-up step's failure is only reported
 * @param reportOk    any result but {@code -ERR ...} is success (commands that report, like {@code status})
 */
record EslStep(String command, String arg, EslStep undo, String resultKey, boolean goneIsOk, boolean required,
               boolean reportOk) {

    static EslStep of(String command, String arg) {
        return new EslStep(command, arg, null, null, false, true, false);
    }

    EslStep undoneBy(EslStep u) {
        return new EslStep(command, arg, u, resultKey, goneIsOk, required, reportOk);
    }

    EslStep resultAs(String key) {
        return new EslStep(command, arg, undo, key, goneIsOk, required, reportOk);
    }

    /** A release of a leg that may be gone already; its failure does not fail the command. */
    EslStep cleanUp() {
        return new EslStep(command, arg, undo, resultKey, command.equals("uuid_kill"), false, reportOk);
    }

    /** A report rather than a change: whatever it answers, short of an error, is success. */
    EslStep anyAnswer() {
        return new EslStep(command, arg, undo, resultKey, goneIsOk, required, true);
    }

    /** The command as it goes on the wire after {@code bgapi }. */
    String text() {
        return arg.isEmpty() ? command : command + " " + arg;
    }
}
