package io.switchboard.screenpop;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Looks up what a card shows beyond the call itself: the customer, the caller's recent calls and
 * open tickets, in parallel on virtual threads, each given up on its own after the deadline.
 * The returned stage always completes normally: a part that failed or was late is left empty
 * (the customer as UNAVAILABLE). Starting never blocks; beyond the concurrency limit a call gets
 * no enrichment at all.
 */
final class CardEnricher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CardEnricher.class);

    private final CustomerDirectory directory;
    private final RecentCalls recentCalls;
    private final OpenTickets openTickets;
    private final Duration deadline;
    private final Semaphore permits;
    private final ScreenPopMetrics metrics;
    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("screenpop-enrich-", 0).factory());

    CardEnricher(CustomerDirectory directory, RecentCalls recentCalls, OpenTickets openTickets, Duration deadline,
                 int maxConcurrent, ScreenPopMetrics metrics) {
        this.directory = directory;
        this.recentCalls = recentCalls;
        this.openTickets = openTickets;
        this.deadline = deadline;
        this.permits = new Semaphore(maxConcurrent);
        this.metrics = metrics;
    }

    /** Starts the enrichment of a call; returns at once. */
    CompletableFuture<Enrichment> start(CustomerQuery query, String callId) {
        if (!permits.tryAcquire()) {
            metrics.rejected();
            return CompletableFuture.completedFuture(Enrichment.UNAVAILABLE);
        }
        CompletableFuture<Enrichment> result = new CompletableFuture<>();
        try {
            executor.execute(() -> run(query, callId, result));
        } catch (RejectedExecutionException shutDown) {
            permits.release();
            result.complete(Enrichment.UNAVAILABLE);
        }
        return result;
    }

    private void run(CustomerQuery q, String callId, CompletableFuture<Enrichment> result) {
        long started = System.nanoTime();
        CompletableFuture<Enrichment> customer = customer(q);
        CompletableFuture<List<PopCard.RecentCall>> calls =
                part("recent_calls", () -> recentCalls.forCaller(q.tenant(), q.callerNumber(), callId));
        CompletableFuture<List<PopCard.Ticket>> tickets =
                part("open_tickets", () -> openTickets.find(q.tenant(), q.callerNumber(), q.customerId()));
        // completed off the timer thread that enforces the deadlines
        CompletableFuture.allOf(customer, calls, tickets).whenCompleteAsync((ignored, never) -> {
            permits.release();
            metrics.enriched(System.nanoTime() - started);
            Enrichment c = customer.join();
            result.complete(new Enrichment(c.customer(), c.customerStatus(), calls.join(), tickets.join()));
        }, orInline());
    }

    private CompletableFuture<Enrichment> customer(CustomerQuery q) {
        CompletableFuture<Optional<Customer>> lookup;
        try {
            lookup = directory.find(q).toCompletableFuture().copy();
        } catch (RuntimeException e) {
            lookup = CompletableFuture.failedFuture(e);
        }
        return lookup.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).handle((found, failure) -> {
            DirectoryOutcome outcome;
            if (failure != null) {
                outcome = DirectoryOutcome.of(failure);
                LOG.debugf("customer lookup for %s: %s (%s)", q.callerNumber(), outcome, failure.toString());
            } else {
                outcome = found != null && found.isPresent() ? DirectoryOutcome.FOUND : DirectoryOutcome.NOT_FOUND;
            }
            metrics.directory(outcome);
            Customer c = outcome == DirectoryOutcome.FOUND ? found.get() : null;
            return new Enrichment(c, outcome.customerStatus(), List.of(), List.of());
        });
    }

    private <T> CompletableFuture<List<T>> part(String name, Supplier<List<T>> lookup) {
        CompletableFuture<List<T>> f;
        try {
            f = CompletableFuture.supplyAsync(lookup, executor);
        } catch (RejectedExecutionException shutDown) {
            f = CompletableFuture.failedFuture(shutDown);
        }
        return f.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).handle((found, failure) -> {
            if (failure != null || found == null) {
                metrics.partFailed(name);
                LOG.debugf("%s lookup failed: %s", name, failure);
                return List.of();
            }
            return found;
        });
    }

    private Executor orInline() {
        return task -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException shutDown) {
                task.run();
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
