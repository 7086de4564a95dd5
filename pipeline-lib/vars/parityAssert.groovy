/**
 * parityAssert(env: 'prod'): live versions vs declared; publishes JUnit XML. A failed assertion (exit 2) marks the
 * build UNSTABLE. Returns [exitCode, passed].
 */
def call(Map args = [:]) {
  parityCli.requireArgs('parityAssert', args, ['env'], ['label'])
  if (args.label != null) {
    return parityCli.onAgent('parityAssert', args) { Map rest -> this.call(rest) }
  }
  String xml = '.parity/reports/' + args.env + '/assert.xml'
  int code = parityCli.run(['assert', '--env', args.env, '--junit', xml] + parityCli.common(args),
      args.credentials ?: [], [0, 2])
  junit(testResults: xml, allowEmptyResults: false)
  parityCli.finding('parityAssert', code, args.env + ': live assertions failed (see the test results)')
  return [exitCode: code, passed: code == 0]
}
