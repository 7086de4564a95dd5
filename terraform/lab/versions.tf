# The lab module: every node a real SSH host on this machine — its own network namespace, its own address on the
# environment's bridge, its own sshd with its own host key — created by `tofu apply` and removed by `tofu destroy`.
# Only built-in resources (terraform_data with local-exec): no provider, so it plans offline. Needs root.
# parity adds the backend per environment; do not declare one here.
terraform {
  required_version = ">= 1.6.0"
}
