package io.switchboard.pbx.asterisk;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI {@code BlindTransfer} (Asterisk 12+): sends the transferer's bridge peer to
 * {@code Exten}@{@code Context}; asterisk-java 3.42 has no class for it.
 * Public because asterisk-java reads its getters by reflection.
 */
public final class BlindTransferAction extends AbstractManagerAction {

    private static final long serialVersionUID = 1L;

    private final String channel;
    private final String exten;
    private final String context;

    BlindTransferAction(String channel, String exten, String context) {
        this.channel = channel;
        this.exten = exten;
        this.context = context;
    }

    @Override
    public String getAction() {
        return "BlindTransfer";
    }

    public String getChannel() {
        return channel;
    }

    public String getExten() {
        return exten;
    }

    public String getContext() {
        return context;
    }
}
