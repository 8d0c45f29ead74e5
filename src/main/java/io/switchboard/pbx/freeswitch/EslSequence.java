package io.switchboard.pbx.freeswitch;

import io.switchboard.pbx.PbxReply;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Runs a plan's steps one after the other, each as a background job given what is left of the
 * command's deadline, composing futures so no thread waits. A step that fails stops the
 * sequence: the steps done so far are undone in reverse (best effort, each with a short deadline
 * of its own) and the reply names the failed step and what was undone. A clean-up step's failure
 * is only reported. When the deadline passes the future fails with {@link TimeoutException} and
 * the undo goes on in the background.
 */
final class EslSequence {

    private static final Logger LOG = Logger.getLogger(EslSequence.class);
    /** Undo steps run after a failure, possibly past the command's deadline; each gets this long. */
    static final Duration UNDO_DEADLINE = Duration.ofSeconds(5);

    private final BiFunction<EslStep, Duration, CompletableFuture<String>> send;
    private final EslCommandTable.Plan plan;
    private final long deadlineNanos;
    private final Map<String, String> data;
    private final List<EslStep> done = new ArrayList<>();
    private final List<String> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final CompletableFuture<PbxReply> reply = new CompletableFuture<>();

    private EslSequence(BiFunction<EslStep, Duration, CompletableFuture<String>> send, EslCommandTable.Plan plan,
                        Duration deadline) {
        this.send = send;
        this.plan = plan;
        this.deadlineNanos = System.nanoTime() + deadline.toNanos();
        this.data = new LinkedHashMap<>(plan.data());
    }

    /** @param send sends one step with a deadline; the future completes with the job's result text */
    static CompletableFuture<PbxReply> run(BiFunction<EslStep, Duration, CompletableFuture<String>> send,
                                           EslCommandTable.Plan plan, Duration deadline) {
        EslSequence s = new EslSequence(send, plan, deadline);
        s.next(0);
        return s.reply.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void next(int i) {
        if (reply.isDone()) {
            return; // the caller gave up (deadline): stop sending
        }
        if (i == plan.steps().size()) {
            reply.complete(new PbxReply(true, message(), data));
            return;
        }
        EslStep step = plan.steps().get(i);
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            fail(i, new TimeoutException(plan.action() + ": deadline passed before step " + (i + 1)));
            return;
        }
        send.apply(step, Duration.ofNanos(left)).whenComplete((text, error) -> {
            if (error != null) {
                fail(i, unwrap(error));
            } else {
                stepDone(i, step, text.strip());
            }
        });
    }

    private void stepDone(int i, EslStep step, String text) {
        boolean ok = text.startsWith("+OK") || (step.goneIsOk() && gone(text))
                || (step.reportOk() && !text.isEmpty() && !text.startsWith("-ERR"));
        if (ok || !step.required()) {
            if (!ok) {
                notes.add(where(i, step) + " failed: " + text);
            }
            if (ok && step.resultKey() != null && text.length() > 4) {
                data.put(step.resultKey(), text.substring(4).strip());
            }
            results.add(text);
            done.add(step);
            next(i + 1);
            return;
        }
        String failure = plan.steps().size() == 1 ? text : where(i, step) + " failed: " + text;
        undo().whenComplete((undone, e) -> {
            String msg = undone.isEmpty() ? failure : failure + "; undone: " + String.join(", ", undone);
            Map<String, String> d = new LinkedHashMap<>(data);
            d.put("failedStep", Integer.toString(i + 1));
            d.put("failedCommand", step.command());
            reply.complete(new PbxReply(false, msg, d));
        });
    }

    private void fail(int i, Throwable error) {
        if (!done.isEmpty()) {
            LOG.warnf("%s failed at step %d (%s); undoing the steps done", plan.action(), i + 1, error.toString());
        }
        reply.completeExceptionally(error);
        undo();
    }

    /** Undoes the steps done, last first, one at a time; completes with the texts of the undo steps sent. */
    private CompletableFuture<List<String>> undo() {
        List<EslStep> undos = new ArrayList<>();
        for (int k = done.size() - 1; k >= 0; k--) {
            if (done.get(k).undo() != null) {
                undos.add(done.get(k).undo());
            }
        }
        CompletableFuture<List<String>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (EslStep u : undos) {
            chain = chain.thenCompose(sent -> send.apply(u, UNDO_DEADLINE).handle((text, e) -> {
                if (e != null || text == null || !(text.startsWith("+OK") || u.goneIsOk())) {
                    LOG.warnf("%s: undo %s did not succeed: %s", plan.action(), u.text(), e != null ? e : text.strip());
                }
                sent.add(u.text());
                return sent;
            }));
        }
        return chain;
    }

    /** FreeSWITCH 1.10 says {@code -ERR No Such Channel!} (uuid_kill) or {@code -ERR No such channel!} (uuid_setvar). */
    private static boolean gone(String text) {
        return text.regionMatches(true, 0, "-ERR No such channel", 0, 20);
    }

    private String message() {
        String m = results.size() == 1 ? results.getFirst() : String.join("; ", results);
        return notes.isEmpty() ? m : m + " (" + String.join("; ", notes) + ")";
    }

    private String where(int i, EslStep step) {
        return plan.action() + " step " + (i + 1) + "/" + plan.steps().size() + " (" + step.command() + ")";
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }
}
