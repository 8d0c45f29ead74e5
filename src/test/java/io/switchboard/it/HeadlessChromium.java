package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol with the JDK's own HTTP and
 * WebSocket clients: open a page, evaluate script in it, take screenshots. Closing kills the
 * whole process tree and deletes the throw-away profile.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Path profile;
    private final Process process;
    private WebSocket page;

    private HeadlessChromium(Path profile, Process process) {
        this.profile = profile;
        this.process = process;
    }

    /** Starts the browser at the given window size; fails with the install command if it is missing. */
    static HeadlessChromium start(int width, int height) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " not found: install it with `apt-get install chromium`");
        }
        Path profile = Files.createTempDirectory("wallboard-chromium");
        Process process = new ProcessBuilder(BINARY.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                // Without these it keeps trying to reach Google's services and stalls on a closed network.
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        HeadlessChromium browser = new HeadlessChromium(profile, process);
        try {
            browser.attach();
            // --window-size includes the (invisible) window frame; pin the page area itself.
            browser.command("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
            return browser;
        } catch (RuntimeException | IOException e) {
            browser.close();
            throw e;
        }
    }

    /** Connects to the blank first tab; the port is the one Chromium picked and wrote down. */
    private void attach() throws IOException {
        Path portFile = profile.resolve("DevToolsActivePort");
        await("Chromium DevTools port").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Chromium exited early: " + log());
                    }
                    return Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2;
                });
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        JsonNode targets = await("a page target").atMost(Duration.ofSeconds(30)).until(
                () -> json.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body()),
                list -> list.findValues("type").stream().anyMatch(t -> t.asText().equals("page")));
        String socketUrl = null;
        for (JsonNode t : targets) {
            if (t.path("type").asText().equals("page")) {
                socketUrl = t.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        page = http.newWebSocketBuilder().buildAsync(URI.create(socketUrl), new Listener()).join();
    }

    /** Runs a script in every document before the page's own scripts, e.g. to take an API away. */
    void beforeEachPage(String script) {
        // Chromium keeps the script but only runs it once the Page domain is on.
        command("Page.enable", Map.of());
        command("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    void navigate(String url) {
        command("Page.navigate", Map.of("url", url));
    }

    /** The value of a script expression (awaited if it is a promise), as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = command("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    byte[] screenshot() {
        return Base64.getDecoder().decode(command("Page.captureScreenshot", Map.of("format", "png")).path("data").asText());
    }

    private JsonNode command(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = json.createObjectNode().put("id", id).put("method", method);
        message.set("params", json.valueToTree(params));
        try {
            page.sendText(message.toString(), true).join();
            JsonNode answer = reply.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(method + " failed", e);
        } finally {
            pending.remove(id);
        }
    }

    String log() {
        try {
            return Files.readString(profile.resolve("chromium.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (page != null) {
            page.abort();
        }
        // Renderer and utility processes are children; none may outlive the test.
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteTree(profile);
    }

    private static void deleteTree(Path dir) {
        // Chromium may still be flushing its profile for a moment after the kill.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            return !Files.exists(dir);
        });
    }

    /** Collects message fragments and completes the command they answer; events are ignored. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = json.readTree(text.toString());
                    CompletableFuture<JsonNode> reply = message.has("id") ? pending.get(message.get("id").asInt()) : null;
                    if (reply != null) {
                        reply.complete(message);
                    }
                } catch (IOException e) {
                    // not JSON: nothing waits for it
                } finally {
                    text.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
