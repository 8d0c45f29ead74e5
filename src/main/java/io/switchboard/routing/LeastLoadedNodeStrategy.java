package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Balances calls across PBX nodes: among the nodes in setting {@code nodes} (comma separated)
 * that are healthy, the one with the lowest line use wins. When that is another node than the one
 * asking, the call is sent on through the dialplan place in setting {@code via.<node>}
 * ({@code context,extension}); when it is the asking node, the next rule decides the queue.
 * A node more than {@code margin} (default 0.1) less used than the asking one is needed to move a call.
 */
@ApplicationScoped
public class LeastLoadedNodeStrategy implements RoutingStrategy {

    @Override
    public String name() {
        return "least-loaded-node";
    }

    @Override
    public Optional<Choice> choose(RouteRequest request, RoutingPolicy.Rule rule, RoutingContext context) {
        List<String> nodes = Arrays.stream(rule.setting("nodes", "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        if (nodes.size() < 2) {
            return Optional.empty();
        }
        var byId = context.load().nodesById();
        double margin = Double.parseDouble(rule.setting("margin", "0.1"));
        LoadSnapshot.NodeLoad here = byId.get(request.node());
        double hereUse = here == null ? 0 : here.lineUse();
        Optional<LoadSnapshot.NodeLoad> best = nodes.stream().map(byId::get)
                .filter(n -> n != null && context.nodes().healthy(n.node()))
                .min(Comparator.comparingDouble(LoadSnapshot.NodeLoad::lineUse));
        if (best.isEmpty() || best.get().node().equals(request.node()) || best.get().lineUse() + margin > hereUse) {
            return Optional.empty();
        }
        String via = rule.setting("via." + best.get().node(), null);
        if (via == null || via.indexOf(',') < 0) {
            return Optional.empty();
        }
        String[] parts = via.split(",", 2);
        return Optional.of(new Choice(null, new Destination(parts[0].strip(), parts[1].strip()),
                RouteDecision.Outcome.NODE, java.util.Map.of("SB_ROUTE_NODE", best.get().node()),
                String.format("node %s less loaded (%.0f%% of lines) than %s (%.0f%%)", best.get().node(),
                        best.get().lineUse() * 100, request.node(), hereUse * 100)));
    }
}
