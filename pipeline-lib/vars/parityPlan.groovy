/**
 * parityPlan(env: 'prod'): plans the environment, shows and archives the plan summary.
 * Returns [exitCode, changes, summary (text), planSha256 (what parityApprove and parityDeploy(approvedPlan:) take)].
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityPlan', args, ['env'], [])
  int code = parityCli.run(['plan', '--env', args.env] + parityCli.common(args), args.credentials ?: [], [0, 2])
  String dir = (args.workDir ?: '.parity') + '/' + args.env + '/plan/'
  archiveArtifacts(artifacts: dir + 'plan.json', allowEmptyArchive: true)
  String summary = ''
  String sha = ''
  if (fileExists(dir + 'plan.json')) {
    def record = new groovy.json.JsonSlurperClassic().parseText(readFile(dir + 'plan.json'))
    sha = record.summary_sha256 ?: ''
    summary = groovy.json.JsonOutput.prettyPrint(groovy.json.JsonOutput.toJson(record.summary))
  }
  return [exitCode: code, changes: code == 2, summary: summary, planSha256: sha]
}
