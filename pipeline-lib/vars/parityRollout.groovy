/**
 * parityRollout(service: 'postgresql', to: '16.4', envs: 'dev,staging,prod'[, approval: <what parityApprove
 * returned for parityPlan(service:, to:, envs:)>, resume: true, gitCredentials: 'git-push' (a username/password or
 * token credential), branch: 'main']): the patch rollout. With protected environments among envs it runs only with
 * the approval of the rollout's change set (each protected environment's deploy must then be the one approved).
 * parity commits each environment's version change; the commits are pushed (with the job's git credentials) even when
 * the rollout halts, so the next deploy checks out what was rolled out. Take the locks with parityLock, outside node.
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityRollout', args, ['service', 'to', 'envs'], ['resume', 'gitCredentials', 'branch', 'approval',
      'approvedPlan'])
  boolean resume = parityCli.flag('parityRollout', args, 'resume')
  List envs = parityCli.names(args.envs as String)
  for (String e : envs) {
    if (!(e ==~ /[a-z][a-z0-9_-]{0,62}/)) {
      error('parityRollout: envs must be environment names separated by commas, got: ' + args.envs)
    }
  }
  List cli = ['rollout', '--service', args.service as String, '--to', args.to as String, '--envs', envs.join(',')]
  cli += parityCli.common(args) + (resume ? ['--resume'] : []) + parityCli.approval('parityRollout', args)
  int code = 1
  try {
    code = parityCli.run(cli, args.credentials ?: [], [0])
  } finally {
    push(args)
  }
  return [exitCode: code]
}

/** Pushes the rollout's commits; the credentials reach git only through its askpass helper's environment. */
private void push(Map args) {
  String branch = args.branch ?: 'HEAD'
  if (!(branch ==~ /[A-Za-z0-9._\/-]+/)) {
    error('parityRollout: branch must be a branch name, got: ' + branch)
  }
  String target = branch == 'HEAD' ? 'HEAD' : 'HEAD:' + branch
  if (args.gitCredentials) {
    withCredentials([usernamePassword(credentialsId: args.gitCredentials as String, usernameVariable: 'GIT_USERNAME',
        passwordVariable: 'GIT_PASSWORD')]) {
      // The helper prints the variables at git's request; the values never appear in the script.
      sh(script: 'git -c credential.helper= -c credential.helper=\'!f() { echo username=$GIT_USERNAME; '
          + 'echo password=$GIT_PASSWORD; }; f\' push origin ' + parityCli.shellQuote(target))
    }
  } else {
    sh(script: 'git push origin ' + parityCli.shellQuote(target))
  }
}
