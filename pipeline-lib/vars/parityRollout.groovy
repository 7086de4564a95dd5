/**
 * parityRollout(service: 'postgresql', to: '16.4', envs: 'dev,staging,prod'[, approval: <what parityApprove
 * returned for parityPlan(service:, to:, envs:)>, resume: true, gitCredentials: 'git-push' (a username/password or
 * token credential), branch: 'main']): the patch rollout. With protected environments among envs it runs only with
 * the approval of the rollout's change set (each protected environment's deploy must then be the one approved).
 * parity starts from the branch's remote head (the workspace may be a stale, detached checkout), commits each
 * environment's version change and pushes it before deploying that environment; a push rejected because someone
 * pushed meanwhile is rebased and tried again, so no commit is lost. The git credential reaches git only through a
 * credential helper reading GIT_USERNAME and GIT_PASSWORD. A job building another branch than the one pushed to is
 * refused. Take the locks with parityLock, outside node.
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityRollout', args, ['service', 'to', 'envs'], ['resume', 'gitCredentials', 'branch', 'approval',
      'approvedPlan', 'label'])
  if (args.label != null) {
    return parityCli.onAgent('parityRollout', args) { Map rest -> this.call(rest) }
  }
  boolean resume = parityCli.flag('parityRollout', args, 'resume')
  List envs = parityCli.names(args.envs as String)
  for (String e : envs) {
    if (!(e ==~ /[a-z][a-z0-9_-]{0,62}/)) {
      error('parityRollout: envs must be environment names separated by commas, got: ' + args.envs)
    }
  }
  String branch = (args.branch ?: 'main') as String
  if (!(branch ==~ /[A-Za-z0-9][A-Za-z0-9._\/-]*/) || branch.contains('..')) {
    error('parityRollout: branch must be a branch name, got: ' + branch)
  }
  if (env?.BRANCH_NAME && env.BRANCH_NAME != branch) {
    error('parityRollout: this job builds ' + env.BRANCH_NAME + ', not ' + branch
        + '; only a job of the branch the rollout pushes to may push to it')
  }
  List cli = ['rollout', '--service', args.service as String, '--to', args.to as String, '--envs', envs.join(','),
      '--push', branch]
  cli += parityCli.common(args) + (resume ? ['--resume'] : []) + parityCli.approval('parityRollout', args)
  List credentials = (args.credentials ?: []) as List
  if (args.gitCredentials) {
    credentials = credentials + [[type: 'usernamePassword', id: args.gitCredentials as String,
        usernameVariable: 'GIT_USERNAME', passwordVariable: 'GIT_PASSWORD']]
  }
  return [exitCode: parityCli.run(cli, credentials, [0])]
}
