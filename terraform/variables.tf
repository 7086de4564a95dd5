# The inputs: parity's rendered variable set (vars/common.yml + vars/<environment>.yml), plus where the
# work directory is. A team's own module takes the same inputs and returns the same `inventory` output.

variable "project" {
  type = string
}

variable "environment" {
  type = string
}

variable "protected" {
  type    = bool
  default = false
}

variable "services" {
  description = "Services by name: version, role, base port, settings."
  type = map(object({
    version  = string
    role     = string
    port     = number
    settings = map(string)
  }))
}

variable "topology" {
  description = "Nodes per role."
  type        = map(number)
}

variable "sizing" {
  description = "Per role: cpus, memory_mb, disk_gb (any subset)."
  type        = map(map(number))
  default     = {}
}

variable "network" {
  type = object({
    bind_address = string
  })
}

variable "secret_names" {
  description = "Names of the environment's secrets (never their values)."
  type        = list(string)
  default     = []
}

variable "node_ports" {
  description = "Set by parity: each node's service ports, by node (\"db-0\") and service."
  type        = map(map(number))
}

variable "node_root" {
  description = "Directory under which each node of the local stack keeps its data (set by parity)."
  type        = string
}
