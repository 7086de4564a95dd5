# The inventory contract: every node with its name, role, address and service ports. parity turns it into the
# Ansible inventory and the list of nodes the assertions probe.
output "inventory" {
  value = {
    environment = var.environment
    nodes = [
      for key in sort(keys(terraform_data.node)) : terraform_data.node[key].output
    ]
  }
}
