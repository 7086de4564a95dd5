/**
 * parityReconcile(env: 'qa' | all: true[, restore: true, parallel: 2, approval: <what parityApprove returned>,
 * keepGoing: true]): finds (and repairs) drift. A repair of a protected environment needs env, restore and the
 * approval of its change set (parity refuses it otherwise: exit 1). Drift left (exit 2) marks the build UNSTABLE. An
 * error (exit 1) fails the step; with keepGoing it marks the build FAILURE and returns, so a nightly job reconciles
 * every environment and reports each. Take the environment's lock around a repair with parityLock, outside node.
 * Returns [exitCode, driftLeft, errored, verdict] (verdict: 'in parity', 'drift left' or 'errored: <message>').
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityReconcile', args, [], ['env', 'all', 'restore', 'parallel', 'approval',
      'approvedPlan', 'keepGoing', 'label'])
  if (args.label != null) {
    return parityCli.onAgent('parityReconcile', args) { Map rest -> this.call(rest) }
  }
  boolean all = parityCli.flag('parityReconcile', args, 'all')
  boolean restore = parityCli.flag('parityReconcile', args, 'restore')
  boolean keepGoing = parityCli.flag('parityReconcile', args, 'keepGoing')
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
    code = parityCli.run(cli, args.credentials ?: [], keepGoing ? [0, 1, 2] : [0, 2])
  } finally {
    archiveArtifacts(artifacts: (args.workDir ?: '.parity') + '/runs/*-reconcile*.json', allowEmptyArchive: true)
  }
  String which = all ? 'all environments' : args.env as String
  String verdict = code == 0 ? 'in parity' : code == 2 ? 'drift left' : 'errored: ' + parityCli.lastError()
  if (code != 0 && code != 2) {
    // keepGoing: the build fails, and the job goes on to the next environment
    echo('parityReconcile: ' + which + ' ' + verdict)
    currentBuild.result = 'FAILURE'
  }
  parityCli.finding('parityReconcile', code, which + ': drift left (see the reconcile report)')
  return [exitCode: code, driftLeft: code == 2, errored: code != 0 && code != 2, verdict: verdict]
}
