/**
 * parityDeploy(env: 'prod'[, approvedPlan: sha, allowDestroy: true]): check, plan, apply, configure, assert, holding
 * the environment's lock. A protected environment is changed only with approvedPlan (from parityApprove): the plan
 * must still be the one approved. The reports are published even when the deploy fails.
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityDeploy', args, ['env'], ['allowDestroy', 'approvedPlan'])
  boolean allowDestroy = parityCli.flag('parityDeploy', args, 'allowDestroy')
  List cli = ['deploy', '--env', args.env] + parityCli.common(args) + (allowDestroy ? ['--allow-destroy'] : [])
  if (args.approvedPlan) {
    if (!((args.approvedPlan as String) ==~ /[0-9a-f]{64}/)) {
      error('parityDeploy: approvedPlan must be the sha256 parityApprove returned')
    }
    cli += ['--approved-plan', args.approvedPlan as String]
  }
  String reports = (args.workDir ?: '.parity') + '/reports/' + args.env
  int code = 1
  parityCli.withEnvironmentLocks([args.env]) {
    try {
      code = parityCli.run(cli, args.credentials ?: [])
    } finally {
      junit(testResults: reports + '/junit.xml', allowEmptyResults: true)
      archiveArtifacts(artifacts: reports + '/*', allowEmptyArchive: true)
    }
  }
  return [exitCode: code]
}
