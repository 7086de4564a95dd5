/** parityDoctor([vars: 'vars']): checks the agent has every pinned tool; fails naming what is missing and the fix. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityDoctor', args, [], [])
  return [exitCode: parityCli.run(['doctor'] + parityCli.common(args), args.credentials ?: [])]
}
