package io.switchboard.api;

import java.util.List;

/** One page of calls, newest first; pass {@code next} as {@code cursor} for the following page. */
public record CallPage(List<CallRecordDto> items, String next) {
}
