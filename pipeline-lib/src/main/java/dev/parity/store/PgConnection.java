package dev.parity.store;

import dev.parity.error.ParityException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A libpq connection URI ({@code postgres://user:password@host:port/db?sslmode=...}, the form
 * Terraform's pg backend takes) as a JDBC URL and properties. The credentials go only into the
 * properties; {@link #describe()} names the server without them. Errors never repeat the string.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db?query}, without user or password
 * @param properties user and password, and the timeouts parity sets
 */
record PgConnection(String jdbcUrl, Properties properties, String describe) {

  static PgConnection parse(String connStr, String secretName) {
    URI uri;
    try {
      uri = new URI(connStr.strip());
    } catch (URISyntaxException e) {
      throw invalid(secretName, "it is not a URI");
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
      throw invalid(secretName, "it does not start with postgres:// or postgresql://");
    }
    if (uri.getHost() == null) {
      throw invalid(secretName, "it names no host");
    }
    String db =
        uri.getPath() == null || uri.getPath().length() <= 1
            ? "postgres"
            : uri.getPath().substring(1);
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    Properties props = new Properties();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0) {
        props.setProperty("password", decode(userInfo.substring(colon + 1)));
      }
    }
    props.setProperty("connectTimeout", "10");
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("ApplicationName", "parity");
    String host = uri.getHost();
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return new PgConnection(
        "jdbc:postgresql://" + host + ":" + port + "/" + db + query,
        props,
        host + ":" + port + "/" + db);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static ParityException invalid(String secretName, String why) {
    return new ParityException(
        "the store's connection string (secret '"
            + secretName
            + "') is not usable: "
            + why
            + "; write postgres://user:password@host:port/database (the value is never shown)");
  }
}
