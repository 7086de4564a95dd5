/** parityCheck([vars: 'vars']): the parity rules across all environments. Returns [exitCode, inParity]. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityCheck', args, [], ['label'])
  if (args.label != null) {
    return parityCli.onAgent('parityCheck', args) { Map rest -> this.call(rest) }
  }
  int code = parityCli.run(['check'] + parityCli.common(args), args.credentials ?: [], [0, 2])
  parityCli.finding('parityCheck', code, 'the environments are not in parity (see the findings above)')
  return [exitCode: code, inParity: code == 0]
}
