package dev.parity.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP webhook receiver on loopback: answers 204 to every POST and keeps what it got. */
public final class LoopbackReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request: the path it was sent to and its body. */
  public record Received(String path, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final HttpServer server;
  private final List<Received> received;

  private LoopbackReceiver(HttpServer server, List<Received> received) {
    this.server = server;
    this.received = received;
  }

  /** On a free port. */
  public static LoopbackReceiver start() throws IOException {
    return start(0, new CopyOnWriteArrayList<>());
  }

  /**
   * On the given port (0: a free one), adding what it gets to {@code into}: a restart keeps one
   * log.
   */
  public static LoopbackReceiver start(int port, List<Received> into) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          into.add(new Received(exchange.getRequestURI().getPath(), body));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    return new LoopbackReceiver(server, into);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public List<Received> received() {
    return received;
  }

  /** The bodies received, as JSON, in order. */
  public List<JsonNode> bodies() {
    return received.stream().map(Received::json).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
