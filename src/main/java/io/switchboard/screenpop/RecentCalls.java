package io.switchboard.screenpop;

import java.util.List;

/** The caller's last finished calls, newest first. Blocking: called off the lane threads. */
@FunctionalInterface
public interface RecentCalls {

    /**
     * @param currentCallId left out of the answer (the call being offered)
     */
    List<PopCard.RecentCall> forCaller(String tenant, String callerNumber, String currentCallId);
}
