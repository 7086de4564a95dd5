/**
 * parityLock(project: 'shop', envs: ['prod'][, label: 'linux']) { ... }: holds the Jenkins lock (Lockable Resources) of
 * each environment, named parity-<project>-<env> so that two projects on one controller never share one. Call it
 * outside node: a job that waits for the lock holds no executor. With label, the body runs on an agent of that label
 * once the locks are held, in a checkout of the build's revision with the CLI that parityPrepare built earlier in the
 * build copied in (no build under the lock). The steps inside do not lock again; parity's own lease (in the store)
 * still refuses a second run on the same environment from anywhere, naming the holder.
 */
def call(Map args = [:], Closure body) {
  parityCli.requireArgs('parityLock', args, ['project', 'envs'], ['label'])
  if (!((args.project as String) ==~ /[a-z][a-z0-9_-]{0,62}/)) {
    error('parityLock: project must be the variable set\'s project name, got: ' + args.project)
  }
  List envs = parityCli.names(args.envs)
  if (args.label == null) {
    return parityCli.withEnvironmentLocks(args.project as String, envs, body)
  }
  return parityCli.withEnvironmentLocks(args.project as String, envs) {
    parityCli.onAgent('parityLock', args) { Map rest -> body() }
  }
}
