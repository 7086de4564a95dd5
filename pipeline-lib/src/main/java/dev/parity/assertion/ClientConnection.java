package dev.parity.assertion;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.ansible.Inventory;
import dev.parity.vars.EnvironmentSpec;
import dev.parity.vars.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * How an application connects to one PostgreSQL service of an environment, as production clients
 * do: libpq's multi-host form, which tries each node in turn and keeps the one that fits
 * (target_session_attrs). No password: clients bring their own.
 *
 * @param service the service
 * @param readWrite the primary, wherever it is now ({@code target_session_attrs=read-write})
 * @param reads a standby where one answers, else the primary ({@code prefer-standby}); null for a
 *     role that does not replicate
 */
public record ClientConnection(String service, String readWrite, String reads) {

  /**
   * The connection strings of the environment's PostgreSQL services that one string reaches: a
   * streaming role, or a role of one node (independent servers have no single address).
   */
  public static List<ClientConnection> of(EnvironmentSpec spec, JsonNode inventory) {
    List<ClientConnection> connections = new ArrayList<>();
    for (ServiceSpec service : spec.services().values()) {
      if (!service.name().equals("postgresql")) {
        continue;
      }
      List<String> hosts = new ArrayList<>();
      List<String> ports = new ArrayList<>();
      for (JsonNode node : Inventory.nodes(inventory)) {
        if (service.role().equals(node.path("role").asText())) {
          hosts.add(node.path("address").asText());
          ports.add(Integer.toString(LiveAssertions.port(spec, service, node)));
        }
      }
      if (hosts.isEmpty() || hosts.size() > 1 && !service.streams()) {
        continue;
      }
      String base =
          "host="
              + String.join(",", hosts)
              + " port="
              + String.join(",", ports)
              + " dbname=postgres";
      connections.add(
          hosts.size() == 1
              ? new ClientConnection(service.name(), base, null)
              : new ClientConnection(
                  service.name(),
                  base + " target_session_attrs=read-write",
                  base + " target_session_attrs=prefer-standby"));
    }
    return connections;
  }
}
