/**
 * parityApprove(env: 'prod', plan: <what parityPlan returned>[, submitter: 'release-managers', timeoutMinutes: 60]):
 * asks a person to approve the plan they are shown. Call it outside node (no executor is held while waiting), after
 * parityPlan; a milestone on each side keeps an older build from deploying after a newer one was approved.
 * Returns the approved plan's sha256 for parityDeploy(approvedPlan:).
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityApprove', args, ['env', 'plan'], ['submitter'])
  if (!(args.plan instanceof Map) || !args.plan.planSha256) {
    error('parityApprove: plan must be what parityPlan returned for ' + args.env + ' (it has no plan sha256)')
  }
  int minutes = (args.timeoutMinutes ?: 60) as int
  milestone(label: 'plan ' + args.env)
  timeout(time: minutes, unit: 'MINUTES') {
    Map ask = [message: 'Apply this plan to ' + args.env + '?\n\n' + args.plan.summary, ok: 'Apply']
    if (args.submitter) {
      ask.submitter = args.submitter as String
    }
    input(ask)
  }
  milestone(label: 'approved ' + args.env)
  return args.plan.planSha256
}
