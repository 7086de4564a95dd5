/**
 * parityPrepare(): the first step on an agent's workspace, right after checkout scm. The first call in a build builds
 * the CLI when it needs building (./parity runs Maven once per checkout), checks that the CLI and these steps are one
 * release, and stashes the CLI (parity-cli); every later call, on any agent, copies that CLI into its checkout of the
 * same revision and only checks it. So the build runs once, with no credential bound and no lock held, and neither it
 * nor a mismatch ever runs with secrets or keeps others waiting; call it first in the build, outside parityLock. With
 * PARITY_LAUNCHER set (a CLI installed outside the workspace) nothing is stashed. Takes no arguments. Returns
 * [version, copied].
 */
def call(Map args = [:]) {
  if (!args.isEmpty()) {
    error('parityPrepare takes no arguments (it binds no credential and reads no variable set), got: ' + args.keySet())
  }
  parityCli.requireArgs('parityPrepare', args, [], [])
  boolean inWorkspace = !env?.PARITY_LAUNCHER
  boolean copied = inWorkspace && env.PARITY_CLI_STASH == 'parity-cli'
  if (copied) {
    unstash('parity-cli')
  }
  parityCli.run(['--version'])
  if (inWorkspace && !copied) {
    // the jar and what it was built from (the launcher's content stamp), so a copy is not rebuilt
    stash(name: 'parity-cli', includes: 'pipeline-lib/target/parity.jar,pipeline-lib/target/parity.sources')
    env.PARITY_CLI_STASH = 'parity-cli'
  }
  return [version: parityCli.libraryVersion(), copied: copied]
}
