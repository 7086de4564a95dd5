/**
 * parityDoctor(): checks that the agent has every pinned tool; fails the build naming what is missing and the fix.
 * Returns [exitCode: 0] when all tools are in place.
 */
def call(Map args = [:]) {
  if (!(args instanceof Map) || !args.isEmpty()) {
    error("parityDoctor takes no arguments, got: ${args.keySet()}")
  }
  int status = parityCli(['doctor'])
  if (status != 0) {
    error("parityDoctor: tools are missing on this agent (parity doctor exit ${status}); the log above names each with its fix")
  }
  return [exitCode: status]
}
