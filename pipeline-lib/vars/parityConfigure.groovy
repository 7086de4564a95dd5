/**
 * parityConfigure(env: 'qa'[, check: true, limit: 'qa-db-0', approval: <what parityApprove returned>]): runs the
 * playbooks (a protected environment only with its change set approved; check mode needs none).
 * Drift found in check mode (exit 2) marks the build UNSTABLE. Returns [exitCode, drift].
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityConfigure', args, ['env'], ['check', 'limit', 'approval', 'approvedPlan', 'label'])
  if (args.label != null) {
    return parityCli.onAgent('parityConfigure', args) { Map rest -> this.call(rest) }
  }
  boolean check = parityCli.flag('parityConfigure', args, 'check')
  List cli = ['configure', '--env', args.env] + parityCli.common(args)
  cli += check ? ['--check'] : parityCli.approval('parityConfigure', args)
  cli += args.limit ? ['--limit', args.limit as String] : []
  int code = parityCli.run(cli, args.credentials ?: [], check ? [0, 2] : [0])
  parityCli.finding('parityConfigure', code, args.env + ': configuration drift (check mode)')
  return [exitCode: code, drift: code == 2]
}
