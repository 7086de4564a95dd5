/** parityAssert(env: 'prod'): live versions vs declared; publishes JUnit XML. Returns [exitCode, passed]. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityAssert', args, ['env'], [])
  String xml = '.parity/reports/' + args.env + '/assert.xml'
  int code = parityCli.run(['assert', '--env', args.env, '--junit', xml] + parityCli.common(args),
      args.credentials ?: [], [0, 2])
  junit(testResults: xml, allowEmptyResults: false)
  return [exitCode: code, passed: code == 0]
}
