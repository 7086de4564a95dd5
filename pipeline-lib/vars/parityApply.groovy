/**
 * parityApply(env: 'prod'[, approval: <what parityApprove returned>, allowDestroy: true]): applies the plan parityPlan
 * saved in this workspace. A protected environment only with the approval of the change set that plan printed.
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityApply', args, ['env'], ['allowDestroy', 'approval', 'approvedPlan', 'label'])
  if (args.label != null) {
    return parityCli.onAgent('parityApply', args) { Map rest -> this.call(rest) }
  }
  boolean allowDestroy = parityCli.flag('parityApply', args, 'allowDestroy')
  List cli = ['apply', '--env', args.env] + parityCli.common(args) + (allowDestroy ? ['--allow-destroy'] : [])
  cli += parityCli.approval('parityApply', args)
  return [exitCode: parityCli.run(cli, args.credentials ?: [])]
}
