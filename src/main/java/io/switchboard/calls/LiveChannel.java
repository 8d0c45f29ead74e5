package io.switchboard.calls;

import java.time.Instant;

/**
 * One channel the PBX reports as up in a live snapshot (AMI {@code CoreShowChannel}, a row of
 * FreeSWITCH {@code show channels as json}), in PBX-neutral terms. Fields the PBX does not
 * report are null.
 *
 * @param legId       Asterisk Uniqueid / FreeSWITCH uuid
 * @param callId      how the PBX groups channels into calls: Asterisk Linkedid / FreeSWITCH call_uuid
 * @param createdAt   when the channel began (now minus Duration / created_epoch)
 * @param answered    the channel is up (ChannelState 6 / callstate ACTIVE or HELD)
 * @param held        the channel is on hold (FreeSWITCH callstate HELD; Asterisk does not say)
 * @param bridgeId    the bridge the channel is in (Asterisk BridgeId), or null
 * @param application the dialplan application running on it (Queue, Dial, callcenter, ...)
 */
public record LiveChannel(String legId, String callId, String channel, Instant createdAt, boolean answered,
                          boolean held, String bridgeId, String callerNumber, String callerName, String context,
                          String extension, String application, String applicationData) {
}
