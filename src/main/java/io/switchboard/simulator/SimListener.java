package io.switchboard.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * The listening side of a simulated PBX: binds, accepts on its own thread, hands each connection
 * to the simulator, and can stop and bind the same port again (a PBX restart). Shared by the AMI
 * and ESL simulators.
 */
public final class SimListener {

    private static final System.Logger LOG = System.getLogger(SimListener.class.getName());

    /** Turns an accepted socket into a running session; returns what closes that session. */
    @FunctionalInterface
    public interface Acceptor {
        AutoCloseable accept(Socket socket) throws IOException;
    }

    private final String name;
    private final String bindHost;
    private final Acceptor acceptor;
    private ServerSocket serverSocket;
    private Thread acceptThread;
    private int boundPort;

    /** @param port 0 for an ephemeral port, which is then kept across restarts */
    public SimListener(String name, String bindHost, int port, Acceptor acceptor) {
        this.name = name;
        this.bindHost = bindHost;
        this.boundPort = port;
        this.acceptor = acceptor;
    }

    /** Binds and starts accepting; does nothing when already listening. */
    public synchronized void start() {
        if (serverSocket != null) {
            return;
        }
        try {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(bindHost, boundPort));
            boundPort = ss.getLocalPort();
            serverSocket = ss;
            acceptThread = Thread.ofPlatform().daemon().name(name + "-accept-" + boundPort).start(() -> acceptLoop(ss));
            LOG.log(System.Logger.Level.DEBUG, "{0} listening on {1}:{2}", name, bindHost, boundPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + name + " to port " + boundPort, e);
        }
    }

    /** The bound port (the ephemeral one once started with port 0). */
    public synchronized int port() {
        return boundPort;
    }

    public synchronized boolean isRunning() {
        return serverSocket != null;
    }

    /**
     * Closes the listening socket; sessions are the simulator's to close. Returns once the accept
     * thread has left: a socket closed under a blocked accept() frees its port only then, and a
     * restart binds the same port at once.
     */
    public synchronized void stop() {
        if (serverSocket != null) {
            try {
                serverSocket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            serverSocket = null;
            if (acceptThread != Thread.currentThread()) {
                try {
                    acceptThread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            acceptThread = null;
        }
    }

    private void acceptLoop(ServerSocket ss) {
        while (!ss.isClosed()) {
            try {
                Socket socket = ss.accept();
                socket.setTcpNoDelay(true);
                AutoCloseable session = acceptor.accept(socket);
                if (ss.isClosed()) {
                    session.close(); // stop() ran while this connection was being accepted
                }
            } catch (SocketException e) {
                return; // server socket closed by stop()
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "{0} accept failed: {1}", name, e.getMessage());
            }
        }
    }
}
