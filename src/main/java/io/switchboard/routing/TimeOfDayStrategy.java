package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Opening hours and a holiday calendar. Settings: {@code zone} (default UTC), {@code open}
 * ({@code 08:00-20:00}), {@code days} ({@code MON-FRI} or {@code MON,WED,SAT}), {@code holidays}
 * ({@code 2026-12-25,2027-01-01}); when open, {@code open-queue} (if set) is chosen; when closed,
 * {@code closed-queue} or the dialplan place {@code closed} ({@code context,extension}).
 * Without a setting for the current case the next rule decides.
 */
@ApplicationScoped
public class TimeOfDayStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "time-of-day";
    }

    @Override
    public Optional<Choice> choose(RouteRequest request, RoutingPolicy.Rule rule, RoutingContext context) {
        ZoneId zone = ZoneId.of(rule.setting("zone", "UTC"));
        ZonedDateTime now = ZonedDateTime.now(context.clock().withZone(zone));
        boolean open = open(rule, now);
        if (open) {
            String q = rule.setting("open-queue", null);
            return q == null ? Optional.empty() : Optional.of(Choice.queue(q, "open hours: " + q));
        }
        String q = rule.setting("closed-queue", null);
        if (q != null) {
            return Optional.of(Choice.queue(q, "closed (" + now.toLocalTime().withNano(0) + " " + zone + "): " + q));
        }
        String place = rule.setting("closed", null);
        if (place == null || place.indexOf(',') < 0) {
            return Optional.empty();
        }
        String[] parts = place.split(",", 2);
        return Optional.of(new Choice(null, new Destination(parts[0].strip(), parts[1].strip()),
                RouteDecision.Outcome.EXTENSION, java.util.Map.of("SB_CLOSED", "1"),
                "closed (" + now.toLocalTime().withNano(0) + " " + zone + "): " + place));
    }

    static boolean open(RoutingPolicy.Rule rule, ZonedDateTime now) {
        LocalDate today = now.toLocalDate();
        for (String h : rule.setting("holidays", "").split(",")) {
            if (!h.isBlank() && LocalDate.parse(h.strip()).equals(today)) {
                return false;
            }
        }
        if (!days(rule.setting("days", "MON-SUN")).contains(now.getDayOfWeek())) {
            return false;
        }
        String[] hours = rule.setting("open", "00:00-24:00").split("-");
        LocalTime from = LocalTime.parse(hours[0].strip());
        String toText = hours[1].strip();
        LocalTime t = now.toLocalTime();
        if (toText.equals("24:00")) {
            return !t.isBefore(from);
        }
        LocalTime to = LocalTime.parse(toText);
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    static Set<DayOfWeek> days(String spec) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String part : spec.split(",")) {
            String p = part.strip().toUpperCase();
            if (p.isEmpty()) {
                continue;
            }
            if (p.contains("-")) {
                DayOfWeek a = day(p.substring(0, p.indexOf('-')));
                DayOfWeek b = day(p.substring(p.indexOf('-') + 1));
                for (int d = a.getValue(); ; d = d % 7 + 1) {
                    out.add(DayOfWeek.of(d));
                    if (d == b.getValue()) {
                        break;
                    }
                }
            } else {
                out.add(day(p));
            }
        }
        return out;
    }

    private static DayOfWeek day(String abbreviation) {
        return Arrays.stream(DayOfWeek.values()).filter(d -> d.name().startsWith(abbreviation.strip()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("not a day: " + abbreviation));
    }
}
