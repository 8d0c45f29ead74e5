package io.switchboard.simulator;

/** One transfer of a generated call: {@code type} BLIND, ATTENDED or REDIRECT, {@code to} the target extension. */
public record TruthTransfer(String type, String to) {
}
