/**
 * parityPlan(env: 'prod'[, destroy: true]) or parityPlan(service: 'postgresql', to: '16.4', envs: 'dev,staging,prod'):
 * computes the change set (plan, configuration changes, version changes; for destroy: the destroy plan and the data
 * deleted; for a rollout: each protected environment's change set with the version set), shows it and archives it.
 * Returns [exitCode, changes, changeSet (text), sha256 (what parityApprove shows and parityDeploy, parityApply,
 * parityConfigure, parityReconcile, parityRollout and parityDown take), summary and planSha256 (the same, as before)].
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityPlan', args, [], ['env', 'destroy', 'service', 'to', 'envs', 'label'])
  if (args.label != null) {
    return parityCli.onAgent('parityPlan', args) { Map rest -> this.call(rest) }
  }
  boolean rollout = args.service != null || args.to != null || args.envs != null
  if (rollout == (args.env != null)) {
    error('parityPlan: give either env, or service, to and envs (a rollout)')
  }
  String work = args.workDir ?: '.parity'
  List cli
  String dir
  if (rollout) {
    if (!args.service || !args.to || !args.envs) {
      error('parityPlan: a rollout needs service, to and envs')
    }
    cli = ['rollout', '--service', args.service as String, '--to', args.to as String, '--envs', args.envs as String,
        '--plan']
    dir = work + '/rollouts/' + args.service + '/'
  } else {
    boolean destroy = parityCli.flag('parityPlan', args, 'destroy')
    cli = ['plan', '--env', args.env as String] + (destroy ? ['--destroy'] : [])
    dir = work + '/' + args.env + '/plan/'
  }
  int code = parityCli.run(cli + parityCli.common(args), args.credentials ?: [], [0, 2])
  archiveArtifacts(artifacts: dir + 'change-set.*', allowEmptyArchive: true)
  String text = fileExists(dir + 'change-set.txt') ? readFile(dir + 'change-set.txt') : ''
  String sha = ''
  if (fileExists(dir + 'change-set.json')) {
    sha = new groovy.json.JsonSlurperClassic().parseText(readFile(dir + 'change-set.json')).sha256 ?: ''
  }
  echo(text)
  return [exitCode: code, changes: code == 2, changeSet: text, sha256: sha, summary: text, planSha256: sha]
}
