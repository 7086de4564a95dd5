# The inventory contract (see the README): every node with its name, role, address, ports and data directory, how
# to reach it (SSH to its own address, port 22, as the lab's login user, with Debian's python3), its host key for
# known_hosts — the public half of the key parity made for it, from the engine's state, so it is never trusted on
# first use and reads the same on every agent — and where the lab keeps it (so parity can tell a host removed
# behind the engine's back).
output "inventory" {
  value = {
    environment = var.environment
    nodes = [
      for key in sort(keys(terraform_data.host)) : {
        name       = terraform_data.host[key].output.name
        role       = terraform_data.host[key].output.role
        index      = terraform_data.host[key].output.index
        address    = terraform_data.host[key].output.address
        ports      = terraform_data.host[key].output.ports
        data_dir   = terraform_data.host[key].output.data_dir
        sizing     = terraform_data.host[key].output.sizing
        connection = "ssh"
        ssh = {
          host     = terraform_data.host[key].output.address
          port     = 22
          user     = terraform_data.host[key].output.user
          host_key = terraform_data.host[key].output.host_key
        }
        python = "/usr/bin/python3"
        lab = {
          namespace = terraform_data.host[key].output.namespace
          resource  = "terraform_data.host[\"${key}\"]"
        }
      }
    ]
  }
}
