package dev.parity.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts one JSON message to a webhook URL; any answer but 2xx, or none in time, is an IOException.
 */
public interface Webhook {
  void post(String url, String json) throws IOException;

  /** The JDK's HTTP client, bounded: 5 s to connect, 10 s for the answer, no redirects followed. */
  static Webhook http() {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return (url, json) -> {
      HttpRequest request;
      try {
        request =
            HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
      } catch (IllegalArgumentException e) {
        // the message of a bad URI quotes it: the URL is a secret
        throw new IOException("the URL is not a valid http(s) URL");
      }
      try {
        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() / 100 != 2) {
          throw new IOException("the receiver answered HTTP " + r.statusCode());
        }
      } catch (java.net.http.HttpConnectTimeoutException e) {
        throw new IOException("no connection within 5 s");
      } catch (java.net.http.HttpTimeoutException e) {
        throw new IOException("no answer within 10 s");
      } catch (java.net.ConnectException e) {
        throw new IOException("connection refused");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    };
  }
}
