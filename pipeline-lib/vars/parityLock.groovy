/**
 * parityLock(project: 'shop', envs: ['prod']) { ... }: holds the Jenkins lock (Lockable Resources) of each
 * environment, named parity-<project>-<env> so that two projects on one controller never share one. Call it outside
 * node: a job that waits for the lock holds no executor. The steps inside do not lock again; parity's own lease (in
 * the store) still refuses a second run on the same environment from anywhere, naming the holder.
 */
def call(Map args = [:], Closure body) {
  parityCli.requireArgs('parityLock', args, ['project', 'envs'], [])
  if (!((args.project as String) ==~ /[a-z][a-z0-9_-]{0,62}/)) {
    error('parityLock: project must be the variable set\'s project name, got: ' + args.project)
  }
  List envs = parityCli.names(args.envs)
  return parityCli.withEnvironmentLocks(args.project as String, envs, body)
}
