/**
 * parityPrepare(): the first step on an agent's workspace. It builds the CLI there when it needs building (./parity
 * runs Maven once per checkout) and checks that the CLI and these steps are one release, with no credential bound and
 * no lock held, so neither the build nor a mismatch ever runs with secrets or keeps others waiting. Takes no
 * arguments. Returns [version].
 */
def call(Map args = [:]) {
  if (!args.isEmpty()) {
    error('parityPrepare takes no arguments (it binds no credential and reads no variable set), got: ' + args.keySet())
  }
  parityCli.requireArgs('parityPrepare', args, [], [])
  parityCli.run(['--version'])
  return [version: parityCli.libraryVersion()]
}
