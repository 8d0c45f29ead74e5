package io.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A finished call with its ordered timeline of normalized events. */
public record CallDetail(CallRecordDto call, JsonNode timeline) {
}
