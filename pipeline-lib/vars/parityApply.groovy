/**
 * parityApply(env: 'prod'[, allowDestroy: true]): applies the plan parityPlan saved in this workspace, holding the
 * environment's lock. For a protected environment, approve first (parityApprove) on the same agent's plan.
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityApply', args, ['env'], ['allowDestroy'])
  boolean allowDestroy = parityCli.flag('parityApply', args, 'allowDestroy')
  List cli = ['apply', '--env', args.env] + parityCli.common(args) + (allowDestroy ? ['--allow-destroy'] : [])
  int code = 1
  parityCli.withEnvironmentLocks([args.env]) {
    code = parityCli.run(cli, args.credentials ?: [])
  }
  return [exitCode: code]
}
