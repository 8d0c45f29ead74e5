package io.switchboard.workflow.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.TaskService;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Assignment strategies, by the name a user task gives in {@code assignStrategy}:
 * <ul>
 *   <li>{@code round-robin}: the candidates in turn (per unit and role; the turn is kept in memory,
 *       so it restarts with the service)</li>
 *   <li>{@code least-loaded}: the candidate with the fewest open tasks assigned in the engine (ties: by name)</li>
 *   <li>{@code pool}: nobody; the task waits in its group's todos until someone claims it</li>
 * </ul>
 */
@ApplicationScoped
public class Assignment {

    public static final String ROUND_ROBIN = "round-robin";
    public static final String LEAST_LOADED = "least-loaded";
    public static final String POOL = "pool";

    @Inject
    TaskService tasks;

    private final Map<String, AtomicLong> turns = new ConcurrentHashMap<>();

    /** The assignee among {@code candidates} (sorted, never empty for a result), or empty for the pool. */
    public Optional<String> choose(String strategy, String turnKey, List<String> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return switch (strategy == null ? POOL : strategy.toLowerCase(Locale.ROOT)) {
            case ROUND_ROBIN -> {
                long turn = turns.computeIfAbsent(turnKey, k -> new AtomicLong()).getAndIncrement();
                yield Optional.of(candidates.get((int) Math.floorMod(turn, (long) candidates.size())));
            }
            case LEAST_LOADED -> candidates.stream()
                    .min(Comparator.comparingLong((String u) -> tasks.createTaskQuery().taskAssignee(u).count())
                            .thenComparing(Comparator.naturalOrder()));
            case POOL -> Optional.empty();
            default -> throw new IllegalArgumentException("unknown assignment strategy '" + strategy
                    + "' (round-robin, least-loaded or pool)");
        };
    }
}
