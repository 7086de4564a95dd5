/** parityDeploy(env: 'prod'[, allowDestroy: true]): check, plan, apply, configure, assert; publishes the reports. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityDeploy', args, ['env'], ['allowDestroy'])
  List cli = ['deploy', '--env', args.env] + parityCli.common(args) + (args.allowDestroy ? ['--allow-destroy'] : [])
  if (parityCli.isProtected(args)) {
    input(message: 'Deploy to the protected environment ' + args.env + '?', ok: 'Deploy')
    cli += ['--auto-approve']
  }
  int code = parityCli.run(cli, args.credentials ?: [])
  junit(testResults: '.parity/reports/' + args.env + '/junit.xml', allowEmptyResults: false)
  archiveArtifacts(artifacts: '.parity/reports/' + args.env + '/*', allowEmptyArchive: true)
  return [exitCode: code]
}
