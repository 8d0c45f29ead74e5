package io.switchboard.pbx.asterisk.agi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * asterisk-java's FastAGI server with one script name mapped, named pool threads, and a future
 * that tells when the socket is bound (its server thread would only log a bind failure).
 * An unknown script name gets asterisk-java's answer: {@code AJ_AGISTATUS} NOT_FOUND and a VERBOSE.
 */
final class RoutingAgiServer extends DefaultAgiServer {

    private final CompletableFuture<Void> bound = new CompletableFuture<>();
    private final AtomicInteger threads = new AtomicInteger();

    RoutingAgiServer(String scriptName, AgiScript script, MeterRegistry registry) {
        super(new OneScript(scriptName, script, Counter.builder("switchboard.routing.agi.requests")
                .description("FastAGI routing requests, by what was answered").tag("outcome", "unknown-script")
                .register(registry)));
    }

    CompletableFuture<Void> bound() {
        return bound;
    }

    @Override
    protected ServerSocketFacade createServerSocket() throws IOException {
        try {
            ServerSocketFacade s = super.createServerSocket();
            bound.complete(null);
            return s;
        } catch (IOException | RuntimeException e) {
            bound.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    protected ThreadPoolExecutor createPool() {
        // a direct hand-off: a call waits for no queue, and past the maximum it is refused at once
        return new ThreadPoolExecutor(getPoolSize(), getMaximumPoolSize(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> Thread.ofPlatform().daemon()
                .name("agi-route-" + threads.incrementAndGet()).unstarted(r));
    }

    private record OneScript(String name, AgiScript script, Counter unknown) implements MappingStrategy {
        @Override
        public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
            if (name.equals(request.getScript())) {
                return script;
            }
            unknown.increment();
            return null;
        }
    }
}
