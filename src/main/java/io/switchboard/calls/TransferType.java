package io.switchboard.calls;

public enum TransferType {
    BLIND, ATTENDED, REDIRECT
}
