# The same inputs as the bundled local module (parity's rendered variable set), plus what a lab needs.

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
  description = "Services by name: version, role, port (each lab host has its own address, so the port as declared), settings."
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
  type    = map(map(number))
  default = {}
}

variable "network" {
  description = "subnet: the lab's one subnet for this environment (bridge gateway .1, hosts from .10)."
  type = object({
    subnet = string
  })
}

variable "secret_names" {
  type    = list(string)
  default = []
}

variable "node_ports" {
  description = "Set by parity: each node's service ports, by node (\"db-0\") and service."
  type        = map(map(number))
}

variable "node_root" {
  description = "Unused by the lab (a lab host keeps its data on its own disk); set by parity for every module."
  type        = string
  default     = ""
}

variable "lab" {
  description = "Set by parity: prefix (one per work dir, so two work dirs never touch each other's hosts), the login user, the public half of the environment's SSH key, each host's SSH host key (public half, by node) and the directory where parity puts their private halves for the length of an apply."
  type = object({
    prefix         = string
    login_user     = string
    ssh_public_key = string
    host_keys      = map(string)
    host_key_dir   = string
  })
}
