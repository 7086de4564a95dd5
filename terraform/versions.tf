# The bundled root module: a local stack, one node record per topology slot, all on this machine.
# Only built-in resources (terraform_data): no provider to download, so it plans offline.
# parity adds the backend per environment (local state under the work dir, or pg); do not declare one here.
terraform {
  required_version = ">= 1.6.0"
}
