package dev.parity.vars;

import static dev.parity.vars.VarSchema.defaultInt;
import static dev.parity.vars.YamlValues.flag;
import static dev.parity.vars.YamlValues.longOr;
import static dev.parity.vars.YamlValues.optionalMap;
import static dev.parity.vars.YamlValues.textOr;

import dev.parity.secret.SecretRef;
import dev.parity.vars.EnvironmentSpec.Bastion;
import dev.parity.vars.EnvironmentSpec.NodeAccess;
import dev.parity.vars.EnvironmentSpec.Ssh;
import dev.parity.vars.YamlNode.Scalar;
import dev.parity.vars.YamlNode.YamlList;
import dev.parity.vars.YamlNode.YamlMap;
import java.util.List;
import java.util.Map;

/** Binds how nodes are reached: network.subnet and clients, and the ssh section. */
final class AccessBinder {
  private final Problems problems;

  AccessBinder(Problems problems) {
    this.problems = problems;
  }

  /** network.subnet and clients, and the ssh section; a secret it names must be declared. */
  NodeAccess access(YamlMap network, YamlMap ssh, Map<String, SecretRef> secrets) {
    String subnet = network == null ? null : textOr(network, "subnet", null);
    List<String> clients =
        network != null && network.get("clients") instanceof YamlList l
            ? l.items().stream().map(YamlValues::text).toList()
            : List.of(subnet != null ? subnet : "127.0.0.1/32");
    Ssh d = Ssh.DEFAULTS;
    if (ssh == null) {
      return new NodeAccess(subnet, clients, d);
    }
    for (String key : List.of("private_key_secret", "known_hosts_secret")) {
      // a value that is not a name is the validator's finding, told without repeating it
      if (ssh.get(key) instanceof Scalar s
          && dev.parity.text.Names.NAME.matcher(s.text()).matches()
          && !secrets.containsKey(s.text())) {
        problems.add(
            new VarProblem(
                s.position(), "ssh." + key, "names no secret; declare secrets." + s.text()));
      }
    }
    String user = textOr(ssh, "user", d.user());
    YamlMap b = optionalMap(ssh, "bastion");
    Bastion bastion = null;
    if (b != null) {
      if (b.get("host") == null) {
        problems.add(new VarProblem(b.position(), "ssh.bastion.host", "missing"));
      } else {
        bastion =
            new Bastion(
                textOr(b, "host", null),
                (int) longOr(b, "port", defaultInt("ssh.bastion.port")),
                textOr(b, "user", user));
      }
    }
    return new NodeAccess(
        subnet,
        clients,
        new Ssh(
            user,
            textOr(ssh, "private_key_secret", null),
            textOr(ssh, "known_hosts_secret", null),
            bastion,
            textOr(ssh, "become_method", d.becomeMethod()),
            flag(ssh.get("pipelining"), d.pipelining()),
            flag(ssh.get("control_persist"), d.controlPersist())));
  }
}
