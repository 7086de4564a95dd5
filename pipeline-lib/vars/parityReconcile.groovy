/**
 * parityReconcile(env: 'qa' | all: true[, restore: true, parallel: 2, approval: <what parityApprove returned>]): finds
 * (and repairs) drift. A repair of a protected environment needs env, restore and the approval of its change set
 * (parity refuses it otherwise: exit 1). Take the environment's lock around a repair with parityLock, outside node.
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityReconcile', args, [], ['env', 'all', 'restore', 'parallel', 'approval',
      'approvedPlan'])
  boolean all = parityCli.flag('parityReconcile', args, 'all')
  boolean restore = parityCli.flag('parityReconcile', args, 'restore')
  if ((args.env == null) == !all) {
    error('parityReconcile: give either env or all: true')
  }
  List cli = ['reconcile'] + (all ? ['--all'] : ['--env', args.env]) + parityCli.common(args)
  cli += restore ? ['--restore'] : []
  cli += args.parallel ? ['--parallel', args.parallel as String] : []
  List approved = parityCli.approval('parityReconcile', args)
  if (!approved.isEmpty() && (all || !restore)) {
    error('parityReconcile: approval is for one environment\'s repair: give it with env and restore: true')
  }
  cli += approved
  int code = 1
  try {
    code = parityCli.run(cli, args.credentials ?: [], [0, 2])
  } finally {
    archiveArtifacts(artifacts: (args.workDir ?: '.parity') + '/runs/*-reconcile*.json', allowEmptyArchive: true)
  }
  return [exitCode: code, driftLeft: code == 2]
}
