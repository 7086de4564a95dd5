/** parityDoctor([vars: 'vars']): checks the agent has every pinned tool; fails naming what is missing and the fix. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityDoctor', args, [], ['label'])
  if (args.label != null) {
    return parityCli.onAgent('parityDoctor', args) { Map rest -> this.call(rest) }
  }
  return [exitCode: parityCli.run(['doctor'] + parityCli.common(args), args.credentials ?: [])]
}
