package io.switchboard.simulator.esl;

/**
 * A mod_callcenter agent of the captured configuration (the same four {@link EslCallcenter}
 * lists): its name, and the loopback extensions its contact string and its "phone" dial.
 *
 * @param contact     the extension of the agent's contact ({@code loopback/<contact>/cc_agents})
 * @param phone       the extension the contact bridges to, the agent's phone
 * @param legTimeout  {@code leg_timeout} of the contact string, seconds
 */
record EslAgent(String name, String contact, String phone, int legTimeout) {

    private static final EslAgent[] AGENTS = {
        new EslAgent("1001", "agent-talk-4000", "phone-talk-4000", 10),
        new EslAgent("1002", "agent-talk-5000", "phone-talk-5000", 10),
        new EslAgent("1003", "agent-talk-6000", "phone-talk-6000", 10),
        new EslAgent("1004", "agent-noanswer", "phone-noanswer", 6),
    };

    /** Agent {@code n} of a scenario (1..4) is callcenter agent {@code 1000 + n}. */
    static EslAgent of(int n) {
        if (n < 1 || n > AGENTS.length) {
            throw new IllegalArgumentException("agent " + n + ": the simulated callcenter has agents 1.."
                    + AGENTS.length + " (1001.." + (1000 + AGENTS.length) + ")");
        }
        return AGENTS[n - 1];
    }

    /**
     * The callcenter agent called {@code name}: one of the captured configuration ({@code 1001}..),
     * or one added later, whose contact and phone are extensions named after it.
     */
    static EslAgent named(String name) {
        for (EslAgent a : AGENTS) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("agent '" + name + "' is not a callcenter agent name");
        }
        return new EslAgent(name, "agent-talk-" + name, "phone-talk-" + name, 10);
    }

    /** A scenario's agent reference, "2" or "agent2". */
    static EslAgent of(String agent) {
        String digits = agent.trim().replaceFirst("^(?i)agent", "");
        try {
            return of(Integer.parseInt(digits));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an agent number: " + agent, e);
        }
    }
}
