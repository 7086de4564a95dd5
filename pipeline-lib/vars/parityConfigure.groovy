/** parityConfigure(env: 'qa'[, check: true, limit: 'qa-db-0']): runs the playbooks. Returns [exitCode, drift]. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityConfigure', args, ['env'], ['check', 'limit'])
  boolean check = parityCli.flag('parityConfigure', args, 'check')
  List cli = ['configure', '--env', args.env] + parityCli.common(args)
  cli += check ? ['--check'] : []
  cli += args.limit ? ['--limit', args.limit as String] : []
  int code = 1
  parityCli.withEnvironmentLocks([args.env]) {
    code = parityCli.run(cli, args.credentials ?: [], check ? [0, 2] : [0])
  }
  return [exitCode: code, drift: code == 2]
}
