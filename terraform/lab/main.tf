locals {
  roles = sort(keys(var.topology))
  # The address plan: role number r owns host numbers 10 + 50r .. 59 + 50r of the subnet.
  per_role = 50
  # One entry per node, "<role>-<index>". A node's address depends only on its role's place among the roles and
  # its index, so adding a node never moves another.
  nodes = merge([
    for role_index, role in local.roles : {
      for index in range(var.topology[role]) : "${role}-${index}" => {
        role  = role
        index = index
        # empty past the subnet's end: refused by the host's precondition with a message, not cidrhost's
        address = try(cidrhost(var.network.subnet, 10 + role_index * local.per_role + index), "")
      }
    }
  ]...)
  prefix_len = split("/", var.network.subnet)[1]
  gateway    = cidrhost(var.network.subnet, 1)
  # Interface names are at most 15 characters: short hashes, unique per work dir, environment and host.
  bridge = "pb${substr(sha1("${var.lab.prefix}/${var.environment}"), 0, 10)}"
  # Each host's "disk": root-owned (sshd refuses keys under world-writable directories such as /tmp).
  lab_root = "/var/lib/parity-lab/${var.lab.prefix}"
  # Relative to the root the engine runs in (-chdir): the same text from every work dir, so a
  # plan from another agent's checkout changes nothing.
  script = "${path.module}/lab-host.sh"
}

# The environment's bridge and the controller's address on it (the gateway).
resource "terraform_data" "network" {
  input = {
    bridge   = local.bridge
    gateway  = "${local.gateway}/${local.prefix_len}"
    lab_root = local.lab_root
    script   = local.script
  }
  # The bridge is made by a create-time provisioner: a new subnet or name must make it again, never update
  # the record in place while the kernel keeps the old one.
  triggers_replace = [local.bridge, "${local.gateway}/${local.prefix_len}", local.lab_root]

  provisioner "local-exec" {
    command = "${self.input.script} network-up ${self.input.bridge} ${self.input.gateway}"
  }

  provisioner "local-exec" {
    when    = destroy
    command = "${self.input.script} network-down ${self.input.bridge} ${self.input.lab_root}"
  }
}

resource "terraform_data" "host" {
  for_each = local.nodes

  input = {
    name      = "${var.environment}-${each.key}"
    role      = each.value.role
    index     = each.value.index
    address   = each.value.address
    namespace = "${var.lab.prefix}-${var.environment}-${each.key}"
    veth      = "pv${substr(sha1("${var.lab.prefix}/${var.environment}/${each.key}"), 0, 10)}"
    host_dir  = "${local.lab_root}/${var.environment}-${each.key}"
    data_dir  = "${local.lab_root}/${var.environment}-${each.key}/disk"
    user      = var.lab.login_user
    sizing    = lookup(var.sizing, each.value.role, {})
    # Ports of the services this node runs, as parity computed them (one rule, in parity).
    ports   = var.node_ports[each.key]
    bridge  = terraform_data.network.output.bridge
    gateway = local.gateway
    prefix  = local.prefix_len
    pubkey  = var.lab.ssh_public_key
    # the host's own key, public half: the inventory's host_key is read from here, the engine's state
    host_key = var.lab.host_keys[each.key]
    script   = local.script
  }
  # What the create-time provisioner built into the host (its namespace, link, address, gateway, login user
  # and authorised key): a change makes the host again, so the inventory never records an address or key the
  # host does not have.
  triggers_replace = [
    "${var.lab.prefix}-${var.environment}-${each.key}", each.value.address, local.gateway, local.prefix_len,
    local.bridge, var.lab.login_user, var.lab.ssh_public_key, var.lab.host_keys[each.key],
  ]

  lifecycle {
    precondition {
      condition     = var.topology[each.value.role] <= local.per_role
      error_message = "role ${each.value.role} has ${var.topology[each.value.role]} nodes; the lab's address plan holds ${local.per_role} per role."
    }
    precondition {
      condition     = each.value.address != ""
      error_message = "the lab's subnet ${var.network.subnet} has no host number ${10 + index(local.roles, each.value.role) * local.per_role + each.value.index} for ${each.key}: the address plan needs 10 + ${local.per_role} per role (${10 + length(local.roles) * local.per_role} addresses for ${length(local.roles)} roles)."
    }
  }

  provisioner "local-exec" {
    command = join(" ", [
      self.input.script, "create", self.input.namespace, self.input.veth,
      "${self.input.address}/${self.input.prefix}", self.input.gateway, self.input.bridge, self.input.host_dir,
      self.input.user, "\"$PUBLIC_KEY\"", "${var.lab.host_key_dir}/${each.key}",
    ])
    environment = { PUBLIC_KEY = self.input.pubkey }
  }

  provisioner "local-exec" {
    when    = destroy
    command = "${self.input.script} destroy ${self.input.namespace} ${self.input.veth} ${self.input.host_dir}"
  }
}
