/** parityRollout(service: 'postgresql', to: '16.4'[, envs: 'dev,qa,staging,prod', resume: true]): the patch rollout. */
def call(Map args = [:]) {
  parityCli.requireArgs('parityRollout', args, ['service', 'to'], ['envs', 'resume'])
  List cli = ['rollout', '--service', args.service as String, '--to', args.to as String] + parityCli.common(args)
  cli += args.envs ? ['--envs', args.envs as String] : []
  cli += args.resume ? ['--resume'] : []
  input(message: 'Roll ' + args.service + ' ' + args.to + ' out through ' + (args.envs ?: 'every environment')
      + ', protected ones included?', ok: 'Roll out')
  int code = parityCli.run(cli + ['--auto-approve'], args.credentials ?: [])
  return [exitCode: code]
}
