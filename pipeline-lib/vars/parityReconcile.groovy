/** parityReconcile(env: 'qa' | all: true[, restore: true, parallel: 2]): finds (and repairs) drift. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityReconcile', args, [], ['env', 'all', 'restore', 'parallel'])
  if ((args.env == null) == !args.all) {
    error('parityReconcile: give either env or all: true')
  }
  List cli = ['reconcile'] + (args.all ? ['--all'] : ['--env', args.env]) + parityCli.common(args)
  cli += args.restore ? ['--restore'] : []
  cli += args.parallel ? ['--parallel', args.parallel as String] : []
  int code = parityCli.run(cli, args.credentials ?: [], [0, 2])
  archiveArtifacts(artifacts: '.parity/runs/*-reconcile*.json', allowEmptyArchive: true)
  return [exitCode: code, driftLeft: code == 2]
}
