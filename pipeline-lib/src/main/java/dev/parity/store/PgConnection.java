package dev.parity.store;

import dev.parity.error.ParityException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A libpq connection URI ({@code postgres://user:password@host:port/db?sslmode=...}, the form
 * Terraform's pg backend takes) as a JDBC URL and properties. The credentials go only into the
 * properties; {@link #describe()} names the server without them. Errors never repeat the string.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db}: no user, password or query, so that the
 *     driver's own messages, which quote the URL, carry none of them
 * @param properties user and password, the timeouts parity sets, and the query's parameters
 * @param secretParts the parts of the string that the driver may quote back (the password and every
 *     query value not known to be harmless): masked in every message
 */
record PgConnection(
    String jdbcUrl, Properties properties, String describe, List<String> secretParts) {
  /** Query parameters whose value is not a secret when it is one of these. */
  private static final Map<String, Pattern> HARMLESS =
      Map.of(
          "sslmode", Pattern.compile("disable|allow|prefer|require|verify-ca|verify-full"),
          "target_session_attrs",
              Pattern.compile("any|read-write|read-only|primary|standby|prefer-standby"),
          "connect_timeout", Pattern.compile("\\d{1,4}"),
          "application_name", Pattern.compile("[A-Za-z0-9_.-]{1,63}"));

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
    List<String> secretParts = new ArrayList<>();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      if (colon >= 0) {
        String password = decode(userInfo.substring(colon + 1));
        props.setProperty("password", password);
        secretParts.add(password);
      }
    }
    props.setProperty("connectTimeout", "10");
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("ApplicationName", "parity");
    // the query's parameters override parity's, as they would in the URL
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        props.setProperty(key, value);
        Pattern harmless = HARMLESS.get(key);
        if (harmless == null || !harmless.matcher(value).matches()) {
          secretParts.add(value);
        }
      }
    }
    String host = uri.getHost();
    return new PgConnection(
        "jdbc:postgresql://" + host + ":" + port + "/" + db,
        props,
        host + ":" + port + "/" + db,
        List.copyOf(secretParts));
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
