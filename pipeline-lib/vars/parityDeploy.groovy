/**
 * parityDeploy(env: 'prod'[, approval: <what parityApprove returned>, allowDestroy: true]): check, plan, the gate,
 * apply, configure, assert. A protected environment is changed only with approval (or approvedPlan: a sha256): the
 * change set computed now (plan, configuration, versions) must be the approved one, else nothing changes. Take the
 * environment's lock around it with parityLock, outside node. The reports are published even when the deploy fails.
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityDeploy', args, ['env'], ['allowDestroy', 'approval', 'approvedPlan', 'label'])
  if (args.label != null) {
    return parityCli.onAgent('parityDeploy', args) { Map rest -> this.call(rest) }
  }
  boolean allowDestroy = parityCli.flag('parityDeploy', args, 'allowDestroy')
  List cli = ['deploy', '--env', args.env] + parityCli.common(args) + (allowDestroy ? ['--allow-destroy'] : [])
  cli += parityCli.approval('parityDeploy', args)
  String reports = (args.workDir ?: '.parity') + '/reports/' + args.env
  int code = 1
  try {
    code = parityCli.run(cli, args.credentials ?: [])
  } finally {
    junit(testResults: reports + '/junit.xml', allowEmptyResults: true)
    archiveArtifacts(artifacts: reports + '/*', allowEmptyArchive: true)
  }
  return [exitCode: code]
}
