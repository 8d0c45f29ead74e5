package io.switchboard.pbx.asterisk;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI {@code CancelAtxfer} (Asterisk 13.18+): drops the consultation of an attended transfer
 * started on {@code Channel}; asterisk-java 3.42 has no class for it.
 * Public because asterisk-java reads its getters by reflection.
 */
public final class CancelAtxferAction extends AbstractManagerAction {

    private static final long serialVersionUID = 1L;

    private final String channel;

    CancelAtxferAction(String channel) {
        this.channel = channel;
    }

    @Override
    public String getAction() {
        return "CancelAtxfer";
    }

    public String getChannel() {
        return channel;
    }
}
