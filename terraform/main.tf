locals {
  # One entry per node: "<role>-<index>" for every role and index in the topology.
  nodes = merge([
    for role, count in var.topology : {
      for index in range(count) : "${role}-${index}" => {
        role  = role
        index = index
      }
    }
  ]...)
}

# A node of the local stack. On a real estate this would be a VM or a container; here it is a record that
# Ansible then configures on this machine. Changing its role, index or address replaces it.
resource "terraform_data" "node" {
  for_each = local.nodes

  input = {
    name     = "${var.environment}-${each.key}"
    role     = each.value.role
    index    = each.value.index
    address  = var.network.bind_address
    data_dir = "${var.node_root}/${var.environment}/${each.key}"
    sizing   = lookup(var.sizing, each.value.role, {})
    # The node is the developer's own machine: Ansible runs its tasks here, without SSH.
    connection = "local"
    # Ports of the services this node runs, as parity computed them (one rule, in parity).
    ports = var.node_ports[each.key]
  }

  triggers_replace = [each.value.role, each.value.index, var.network.bind_address]
}
