package io.switchboard.pbx;

/**
 * One leg of a call as the PBX knows it: {@code id} is the Asterisk Uniqueid or the FreeSWITCH
 * channel uuid, {@code channel} the channel name (AMI actions address channels by name, ESL by uuid).
 */
public record LegRef(String id, String channel) {
}
