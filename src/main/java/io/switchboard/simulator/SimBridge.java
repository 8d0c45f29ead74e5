package io.switchboard.simulator;

import io.switchboard.pbx.asterisk.ami.AmiFrame;

/** A basic two-party bridge of a synthetic call. */
final class SimBridge {

    final String id = Ids.bridgeId();
    int channels;

    /** Bridge snapshot with a prefix: "" for BridgeUniqueid..., "Orig" for OrigBridgeUniqueid... */
    void snapshot(AmiFrame.Builder b, String p) {
        b.add(p + "BridgeUniqueid", id)
                .add(p + "BridgeType", "basic")
                .add(p + "BridgeTechnology", "simple_bridge")
                .add(p + "BridgeCreator", Leg.UNKNOWN)
                .add(p + "BridgeName", Leg.UNKNOWN)
                .add(p + "BridgeNumChannels", Integer.toString(channels))
                .add(p + "BridgeVideoSourceMode", "none");
    }
}
