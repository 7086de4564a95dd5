/**
 * parityApprove(env: 'prod' | subject: 'the rollout of postgresql 16.4', plan: <what parityPlan returned>[, submitter:
 * 'release-managers', timeoutMinutes: 60]):
 * shows a person the whole change set and its sha256 and asks them to approve exactly that. Call it outside node (no
 * executor is held while waiting), after parityPlan; a milestone on each side keeps an older build from deploying
 * after a newer one was approved. Who approved goes into the build description and, through the step that applies
 * it, into parity's run record. Returns [sha256, approvedBy, env] for the approval: argument of the steps.
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityApprove', args, ['plan'], ['env', 'subject', 'submitter', 'timeoutMinutes'])
  if (args.timeoutMinutes != null && !((args.timeoutMinutes as String) ==~ /[1-9][0-9]{0,4}/)) {
    error('parityApprove: timeoutMinutes must be a whole number of minutes (1 to 99999), got: ' + args.timeoutMinutes)
  }
  if ((args.env == null) == (args.subject == null)) {
    error('parityApprove: give either env or subject (what the change set changes)')
  }
  String what = (args.env ?: args.subject) as String
  String sha = args.plan instanceof Map ? (args.plan.sha256 ?: args.plan.planSha256) : null
  if (!sha) {
    error('parityApprove: plan must be what parityPlan returned for ' + what + ' (it has no change set sha256)')
  }
  String shown = args.plan.changeSet ?: args.plan.summary ?: ''
  int minutes = (args.timeoutMinutes ?: 60) as int
  milestone(label: 'plan ' + what)
  def approver
  timeout(time: minutes, unit: 'MINUTES') {
    Map ask = [message: 'Apply this change set to ' + what + '?\n\n' + shown + '\nsha256 ' + sha, ok: 'Apply',
        submitterParameter: 'APPROVER']
    if (args.submitter) {
      ask.submitter = args.submitter as String
    }
    approver = input(ask)
  }
  milestone(label: 'approved ' + what)
  String by = approver instanceof Map ? approver.APPROVER as String : approver as String
  String line = what + ': change set ' + sha.substring(0, 12) + ' approved by ' + by
  currentBuild.description = currentBuild.description ? currentBuild.description + '\n' + line : line
  return [sha256: sha, approvedBy: by, env: args.env]
}
