package io.switchboard.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Named windows and explicit ranges map onto whole 15-minute intervals; bad input is refused plainly. */
class MetricsWindowTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:37:12Z");

    @ParameterizedTest
    @CsvSource({
            "live,  2026-11-23T10:30:00Z, 2026-11-23T10:45:00Z",
            "15m,   2026-11-23T10:15:00Z, 2026-11-23T10:30:00Z",
            "1h,    2026-11-23T09:30:00Z, 2026-11-23T10:30:00Z",
            "today, 2026-11-23T00:00:00Z, 2026-11-23T10:45:00Z"})
    void namedWindows(String name, String from, String to) {
        MetricsWindow w = MetricsWindow.parse(name, null, null, NOW, ZoneId.of("UTC"));
        assertThat(w.from()).isEqualTo(Instant.parse(from));
        assertThat(w.to()).isEqualTo(Instant.parse(to));
    }

    @ParameterizedTest
    @CsvSource({
            "Europe/Berlin,   2026-11-22T23:00:00Z",
            "America/Chicago, 2026-11-23T06:00:00Z"})
    void todayStartsAtLocalMidnight(String zone, String from) {
        assertThat(MetricsWindow.parse("today", null, null, NOW, ZoneId.of(zone)).from()).isEqualTo(Instant.parse(from));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-11-23T10:07:00Z, 2026-11-23T10:31:00Z, 2026-11-23T10:00:00Z, 2026-11-23T10:45:00Z",
            "2026-11-23T10:00:00Z, 2026-11-23T10:15:00Z, 2026-11-23T10:00:00Z, 2026-11-23T10:15:00Z"})
    void rangesWidenToWholeIntervals(String from, String to, String wFrom, String wTo) {
        MetricsWindow w = MetricsWindow.parse(null, from, to, NOW, ZoneId.of("UTC"));
        assertThat(w.from()).isEqualTo(Instant.parse(wFrom));
        assertThat(w.to()).isEqualTo(Instant.parse(wTo));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "week|||window must be one of",
            "|2026-11-23T10:00:00Z||from and to go together",
            "today|2026-11-23T10:00:00Z|2026-11-23T11:00:00Z|either window or from/to",
            "|10:00|2026-11-23T11:00:00Z|ISO-8601",
            "|2026-11-23T11:00:00Z|2026-11-23T10:00:00Z|to must be after from",
            "|2026-01-01T00:00:00Z|2026-11-23T10:00:00Z|at most 92 days"})
    void badInputIsRefusedWithAReason(String window, String from, String to, String message) {
        assertThatThrownBy(() -> MetricsWindow.parse(window, from, to, NOW, ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
