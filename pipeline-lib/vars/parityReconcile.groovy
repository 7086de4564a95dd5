/**
 * parityReconcile(env: 'qa' | all: true[, restore: true, parallel: 2]): finds (and repairs) drift. A repair holds
 * the environment's lock (all: true holds the lock of every environment named in envs:, when given).
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityReconcile', args, [], ['env', 'all', 'restore', 'parallel'])
  boolean all = parityCli.flag('parityReconcile', args, 'all')
  boolean restore = parityCli.flag('parityReconcile', args, 'restore')
  if ((args.env == null) == !all) {
    error('parityReconcile: give either env or all: true')
  }
  List cli = ['reconcile'] + (all ? ['--all'] : ['--env', args.env]) + parityCli.common(args)
  cli += restore ? ['--restore'] : []
  cli += args.parallel ? ['--parallel', args.parallel as String] : []
  int code = 1
  Closure reconcile = { code = parityCli.run(cli, args.credentials ?: [], [0, 2]) }
  try {
    if (restore && !all) {
      parityCli.withEnvironmentLocks([args.env], reconcile)
    } else {
      reconcile() // parity's own store lock still keeps a repair and a deploy apart
    }
  } finally {
    archiveArtifacts(artifacts: (args.workDir ?: '.parity') + '/runs/*-reconcile*.json', allowEmptyArchive: true)
  }
  return [exitCode: code, driftLeft: code == 2]
}
