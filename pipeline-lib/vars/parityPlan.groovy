/** parityPlan(env: 'prod'): plans the environment and archives the plan summary. Returns [exitCode, changes]. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityPlan', args, ['env'], [])
  int code = parityCli.run(['plan', '--env', args.env] + parityCli.common(args), args.credentials ?: [], [0, 2])
  archiveArtifacts(artifacts: '.parity/' + args.env + '/plan/plan.json', allowEmptyArchive: true)
  return [exitCode: code, changes: code == 2]
}
