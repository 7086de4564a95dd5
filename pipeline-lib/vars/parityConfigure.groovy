/** parityConfigure(env: 'qa'[, check: true, limit: 'qa-db-0']): runs the playbooks. Returns [exitCode, drift]. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityConfigure', args, ['env'], ['check', 'limit'])
  List cli = ['configure', '--env', args.env] + parityCli.common(args)
  cli += args.check ? ['--check'] : []
  cli += args.limit ? ['--limit', args.limit as String] : []
  int code = parityCli.run(cli, args.credentials ?: [], args.check ? [0, 2] : [0])
  return [exitCode: code, drift: code == 2]
}
