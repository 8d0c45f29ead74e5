package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a routing policy before it is saved; every problem is a sentence an admin can act on. */
@ApplicationScoped
public class PolicyValidator {

    /** Names that end up in dialplan jumps and channel variables: no separators, no control characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+@\\-]{1,80}");

    public List<String> problems(RoutingPolicy p, Collection<String> strategies) {
        List<String> out = new ArrayList<>();
        if (p == null) {
            return List.of("policy is missing");
        }
        if (p.defaultQueue() == null || !NAME.matcher(p.defaultQueue()).matches()) {
            out.add("defaultQueue must be a queue name (letters, digits, _ . + @ -)");
        }
        for (int i = 0; i < p.rules().size(); i++) {
            RoutingPolicy.Rule r = p.rules().get(i);
            String where = "rules[" + i + "]" + (r.name() == null ? "" : " (" + r.name() + ")");
            if (r.strategy() == null || !strategies.contains(r.strategy())) {
                out.add(where + ": strategy must be one of " + strategies + ", not '" + r.strategy() + "'");
            }
            for (String q : r.queues()) {
                if (q == null || !NAME.matcher(q).matches()) {
                    out.add(where + ": queue '" + q + "' is not a valid queue name");
                }
            }
            r.settings().forEach((k, v) -> {
                if (v != null && (v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0)) {
                    out.add(where + ": setting " + k + " contains a line break");
                }
            });
        }
        p.diverts().forEach((name, d) -> {
            if (d == null) {
                out.add("diverts." + name + " needs a context and an extension");
            } else if (!NAME.matcher(d.context()).matches() || !NAME.matcher(d.extension()).matches()) {
                out.add("diverts." + name + ": context and extension may hold letters, digits, _ . + @ - only");
            }
        });
        p.tenants().forEach((tenant, tp) -> checkTenant("tenants." + tenant, tp, p.diverts(), out));
        p.queues().forEach((queue, qp) -> {
            if (qp == null) {
                return;
            }
            if (qp.overflowTo() != null && !p.diverts().containsKey(qp.overflowTo())) {
                out.add("queues." + queue + ".overflowTo names divert '" + qp.overflowTo() + "', which is not in diverts");
            }
            if (qp.overflowWaiting() != null && qp.overflowWaiting() < 1) {
                out.add("queues." + queue + ".overflowWaiting must be at least 1");
            }
            if (qp.overflowWaitSeconds() != null && qp.overflowWaitSeconds() < 1) {
                out.add("queues." + queue + ".overflowWaitSeconds must be at least 1");
            }
        });
        return out;
    }

    private static void checkTenant(String where, RoutingPolicy.TenantPolicy tp,
                                    Map<String, Destination> diverts, List<String> out) {
        if (tp == null) {
            out.add(where + " is empty");
            return;
        }
        if (tp.leaveRatio() != null && (tp.leaveRatio() <= 0 || tp.leaveRatio() > 1)) {
            out.add(where + ".leaveRatio must be in (0, 1]");
        }
        if (tp.holdDownSeconds() != null && tp.holdDownSeconds() < 0) {
            out.add(where + ".holdDownSeconds must not be negative");
        }
        for (String d : new String[]{tp.selfService(), tp.announcement()}) {
            if (d != null && !diverts.containsKey(d)) {
                out.add(where + " names divert '" + d + "', which is not in diverts");
            }
        }
        RoutingPolicy.Thresholds[] levels = {tp.level1(), tp.level2(), tp.level3()};
        for (int i = 0; i < levels.length; i++) {
            RoutingPolicy.Thresholds t = levels[i];
            if (t == null) {
                continue;
            }
            String lw = where + ".level" + (i + 1);
            if (t.waiting() != null && t.waiting() < 1) {
                out.add(lw + ".waiting must be at least 1");
            }
            if (t.longestWaitSeconds() != null && t.longestWaitSeconds() < 1) {
                out.add(lw + ".longestWaitSeconds must be at least 1");
            }
            if (t.lineUse() != null && (t.lineUse() <= 0 || t.lineUse() > 1)) {
                out.add(lw + ".lineUse must be in (0, 1]");
            }
            if (t.commandErrorRate() != null && (t.commandErrorRate() <= 0 || t.commandErrorRate() > 1)) {
                out.add(lw + ".commandErrorRate must be in (0, 1]");
            }
            // a higher level must not trigger before a lower one
            for (int j = 0; j < i; j++) {
                RoutingPolicy.Thresholds lower = levels[j];
                if (lower != null && above(lower.waiting(), t.waiting())) {
                    out.add(lw + ".waiting must not be below level" + (j + 1) + "'s");
                }
                if (lower != null && above(lower.longestWaitSeconds(), t.longestWaitSeconds())) {
                    out.add(lw + ".longestWaitSeconds must not be below level" + (j + 1) + "'s");
                }
                if (lower != null && lower.lineUse() != null && t.lineUse() != null && lower.lineUse() > t.lineUse()) {
                    out.add(lw + ".lineUse must not be below level" + (j + 1) + "'s");
                }
            }
        }
    }

    private static boolean above(Integer lower, Integer higher) {
        return lower != null && higher != null && lower > higher;
    }
}
