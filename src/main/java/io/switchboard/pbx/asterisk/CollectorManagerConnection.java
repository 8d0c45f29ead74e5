package io.switchboard.pbx.asterisk;

import io.switchboard.pbx.asterisk.ami.AmiFrame;
import io.switchboard.pbx.asterisk.ami.AmiFrameReader;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * asterisk-java's manager connection with two changes: our framing socket (see
 * {@link FrameSocketFacade}) and no built-in reconnect loop — the collector reconnects with
 * its own backoff on a fresh connection, which recovers far sooner after a PBX restart.
 * One instance serves one TCP session.
 */
final class CollectorManagerConnection extends ManagerConnectionImpl {

    private final int connectTimeoutMillis;
    private final Consumer<AmiFrame> events;
    private final Predicate<AmiFrame> intercept;
    private final AmiFrameReader.Sink problems;
    private final Runnable onClosed;
    private volatile FrameSocketFacade facade;

    CollectorManagerConnection(String host, int port, String username, String secret, int connectTimeoutMillis,
                               Consumer<AmiFrame> events, Predicate<AmiFrame> intercept, AmiFrameReader.Sink problems,
                               Runnable onClosed) {
        setHostname(host);
        setPort(port);
        setUsername(username);
        setPassword(secret);
        setSocketTimeout(connectTimeoutMillis);
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.events = events;
        this.intercept = intercept;
        this.problems = problems;
        this.onClosed = onClosed;
    }

    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        facade = new FrameSocketFacade(new InetSocketAddress(getHostname(), getPort()), connectTimeoutMillis,
                events, intercept, problems, onClosed);
        return facade;
    }

    @Override
    public void dispatchEvent(ManagerEvent event, Integer requiredHandlingTime) {
        if (event instanceof DisconnectEvent) {
            return; // the collector owns reconnection
        }
        super.dispatchEvent(event, requiredHandlingTime);
    }

    /** Closes the session without logging off (the peer may already be gone). */
    void abandon() {
        FrameSocketFacade f = facade;
        if (f != null) {
            try {
                f.close();
            } catch (IOException ignored) {
                // closing a dead socket: nothing to recover
            }
        }
        disconnect();
    }
}
